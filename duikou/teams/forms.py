"""Forms of the teams app: the fields of the column declarations, with scoped pickers; the
team form checks its supporting institutions (a many-to-many value `clean()` cannot see)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from duikou.core.registry import form_for
from duikou.teams import columns
from duikou.teams.models import Team


def next_team_code(party) -> str:
    """The party's next team number not yet taken: 320000-T0004."""
    n = Team.objects.filter(aiding_party=party).count() + 1
    while Team.objects.filter(code=f"{party.code}-T{n:04d}").exists():
        n += 1
    return f"{party.code}-T{n:04d}"

ORG = ("organisation", "record")
PARTY = ("party", "record")
PERSON = ("teams_person", "record")
TEAM = ("team", "record")


class TeamForm(form_for(columns.TEAMS)):
    pickers = {
        "aiding_party": PARTY,
        "institution": ORG,
        "supporting_institutions": ORG,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" in self.fields and not self.instance.pk:
            # Nobody in an office knows the next team number: leave it empty to be given one.
            self.fields["code"].required = False
            self.fields["code"].help_text = _("Leave empty to be given the next number.")

    def clean(self):
        data = super().clean()
        if "code" in self.fields and not data.get("code") and data.get("aiding_party"):
            data["code"] = next_team_code(data["aiding_party"])
        institutions = data.get("supporting_institutions")
        if institutions is not None and not self.errors:
            party = data.get("aiding_party")
            for problem in self.instance.supporting_errors(institutions, party):
                self.add_error("supporting_institutions", problem)
        return data


class TeamMemberForm(form_for(columns.MEMBERS)):
    pickers = {"team": TEAM, "person": PERSON}


class AllianceForm(form_for(columns.ALLIANCES)):
    pickers = {
        "aiding_party": PARTY,
        "aiding_institution": ORG,
        "recipient_institution": ORG,
        "other_institutions": ORG,
        "team": TEAM,
    }


class MenteeForm(form_for(columns.MENTEES)):
    pickers = {"aiding_party": PARTY, "institution": ORG}


class MentorshipForm(form_for(columns.MENTORSHIPS)):
    pickers = {"mentor": PERSON, "mentee": ("mentee", "record"), "team": TEAM}


class AssessmentForm(form_for(columns.ASSESSMENTS)):
    pickers = {"mentorship": ("mentorship", "record")}


class OutcomeForm(form_for(columns.OUTCOMES)):
    pickers = {"mentorship": ("mentorship", "record"), "person": PERSON, "team": TEAM}


class ServiceFigureForm(form_for(columns.FIGURES)):
    pickers = {"team": TEAM, "person": PERSON}
