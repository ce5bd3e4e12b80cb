"""The step pages drawn as a bare form: for `bench/load.py --bare-steps` only.

With PORTAL_BENCH_BARE_STEPS=1, the settings put this loader before the usual ones. Every step
and entry page then renders as an empty form with its CSRF token, while the views do all their
other work (session, application, answers, form, context). The difference from a normal run
is what drawing those pages costs the whole stack: an upper bound on what any faster way of
drawing them could gain.
"""

from django.template import Origin
from django.template.loaders.base import Loader as BaseLoader

from requests.steps import STEPS

BARE_PAGE = '<!DOCTYPE html><title>Step</title><form method="post">{% csrf_token %}</form>\n'
# What StepView.render_step and EntryView.render_entry choose from: a step's own template under
# requests/steps/, else the one of its kind; an entry's own, else requests/entry.html.
STEP_TEMPLATE_FOLDER = "requests/steps/"
KIND_TEMPLATES = {f"requests/{step.kind}.html" for step in STEPS} | {"requests/entry.html"}


def is_step_template(name: str) -> bool:
    return name in KIND_TEMPLATES or name.startswith(STEP_TEMPLATE_FOLDER)


class Loader(BaseLoader):
    def get_template_sources(self, template_name):
        if is_step_template(template_name):
            yield Origin(name=f"bare:{template_name}", template_name=template_name, loader=self)

    def get_contents(self, origin):
        return BARE_PAGE  # only ever asked for the origins it gave
