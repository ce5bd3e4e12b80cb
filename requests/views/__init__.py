"""HTTP in and out for the application; the work is in services and selectors.

Who may see what is decided in requests/access.py, on every request: each view is a
`@case_page` (the person, or a helper the person shared the application with),
`@ready_application_required` (the same, with finished answers) or `@person_only`.
One module per concern: walkthrough, documents, session, after (the pages after the
document); what they share is in common.
"""
