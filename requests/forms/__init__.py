"""One module per group of screens. A form validates one screen and never saves anything."""
