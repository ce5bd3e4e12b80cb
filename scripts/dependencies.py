"""Print the project's dependencies from pyproject.toml, one per line, for `pip install -r`.

Used when uv is not available: pip cannot install only a project's dependencies, and
installing this project as a package is pointless (it is run from its folder).
"""

import argparse
import tomllib
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--extra", action="append", default=[])
args = parser.parse_args()

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
requirements = list(project["dependencies"])
for extra in args.extra:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
