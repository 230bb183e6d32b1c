from duikou.teams.pages import (
    alliances,
    assessments,
    mentees,
    mentorships,
    outcomes,
    service_figures,
    team_members,
    teams,
)

app_name = "teams"

urlpatterns = [
    *team_members.urls,
    *alliances.urls,
    *mentees.urls,
    *mentorships.urls,
    *assessments.urls,
    *outcomes.urls,
    *service_figures.urls,
    *teams.urls,
]
