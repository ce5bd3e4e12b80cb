"""Wording shown to helpers that carries a legal statement, with the source it rests on.

Youth protection: Québec's Youth Protection Act (CQLR c. P-34.1), s. 39, as summarised in
docs/reference law.md "Youth protection" and quebec.md section 4 (checked 2026-11-23).
What the notice says, and why it says no more:
- s. 39 para. 1 names teachers, and professionals whose work is to help children: they must
  report without delay when they have reasonable grounds to believe a child's security or
  development is or may be compromised (✅ confirmed).
- s. 39 para. 2: anyone must report sexual or physical abuse (s. 38 d, e) (✅). Whether
  sharing an intimate image of a minor is "sexual abuse" under s. 38 d) is a legal judgement
  (❓): the notice does not say it is.
- s. 44: the reporter's identity stays confidential (✅).
- A child is a person under 18 (✅). Reports go to the DPJ of the child's region, 24/7 (✅).
- Whether school staff who are not teachers are covered is not settled (❓ "établissement"),
  so the notice says the duty "may apply" and leaves the decision to the helper.
The notice never blocks the application.
"""

from django.utils.translation import gettext_lazy as _

from portal.accounts.models import HelperRole
from requests.answers import Answers

YOUTH_PROTECTION_ROLES = (HelperRole.TEACHER, HelperRole.SCHOOL_STAFF)

YOUTH_PROTECTION_NOTICE = {
    "title": _("The person is under 18: a duty to report may apply to you"),
    "paragraphs": [
        _(
            "Québec's Youth Protection Act (section 39) asks teachers, and people whose work "
            "is to help children, to tell the DPJ (Director of Youth Protection) without delay "
            "when they have reasonable grounds to believe that a child's safety or development "
            "is or may be in danger."
        ),
        _(
            "The same section asks everyone, whatever their job, to report a child's sexual or "
            "physical abuse to the DPJ."
        ),
        _(
            "Whether this applies to what you know is your judgement, and this site does not "
            "decide it for you. If you are not sure, ask your school's management, or call the "
            "DPJ: it can tell you whether to make a report."
        ),
        _("The name of the person who makes a report stays confidential (section 44)."),
        _(
            "Making a report does not stop this application. You can keep helping the person "
            "with it."
        ),
    ],
    "where_to_turn": [
        _("The DPJ of the region where the child lives answers day and night, every day."),
        _("In Montréal: 514 896-3100 (French) or 514 935-6196 (English, Batshaw)."),
        _("If the child is in danger right now: call 911."),
    ],
    "sources": [
        {
            "label": _("Youth Protection Act, CQLR c. P-34.1, section 39 (LegisQuébec)"),
            "url": "http://legisquebec.gouv.qc.ca/fr/showversion/cs/P-34.1?code=se:39&pointInTime=20170328",
        },
        {
            "label": _("Youth Protection Act, section 39 (CAIJ e-Lois)"),
            "url": "https://elois.caij.qc.ca/P-34.1/article39",
        },
    ],
}


def youth_protection_notice_applies(*, role: str, answers: dict) -> bool:
    """Teachers and school staff helping a person under 18 (requests.vocabulary.ADULT_AGE: the
    Youth Protection Act's child) see the notice."""
    return role in YOUTH_PROTECTION_ROLES and Answers.from_stored(answers).who.victim_is_under_18


# Consent first: law.md "Who may apply": "With the victim's consent, another person or an
# organisation may present the application: a trusted person, a teacher, a victim-help service
# such as a CAVAC (seed 003)." A case with no consent in force leads with recording it.
CONSENT_FIRST = {
    "title": _("First, record the person's consent"),
    "paragraphs": [
        _(
            "The law lets another person or an organisation, such as a CAVAC, present the "
            "application for someone with that person's consent. Record it before you work "
            "on the application."
        ),
        _(
            "Write down who gave it, when, how, and what they agreed to. It is printed with "
            "the application, so the court can see it."
        ),
    ],
    "source": "law.md: Who may apply",
}
