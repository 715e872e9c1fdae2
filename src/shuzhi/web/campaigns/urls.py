"""The campaign's pages under /campaigns/; each answers ?format=json as well. The ballot is /vote/ (no account)."""

from django.urls import path

from .views import campaigns, items, overview, reporter, voting

app_name = "campaigns"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("<int:pk>/", campaigns.campaign_page, name="campaign"),
    path("<int:pk>/move/", campaigns.campaign_move, name="campaign_move"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("<int:pk>/reporters/", campaigns.add_reporters, name="add_reporters"),
    path("<int:pk>/reminders.xlsx", campaigns.reminders, name="reminders"),
    path("<int:pk>/overview/", overview.overview, name="overview"),
    path("<int:pk>/overview.xlsx", overview.overview_export, name="overview_xlsx"),
    path("<int:pk>/letters.zip", overview.letters_zip, name="letters"),
    path("<int:pk>/lists.xlsx", items.export, name="lists"),
    path("<int:pk>/voting/", voting.voting_page, name="voting"),
    path("<int:pk>/voting/move/", voting.voting_move, name="voting_move"),
    path("<int:pk>/voting/codes/", voting.codes, name="codes"),
    path("<int:pk>/voting/paper/<int:rid>/", voting.paper, name="paper"),
    path("<int:pk>/rectification/", items.board, name="board"),
    path("<int:pk>/items/<int:iid>/", items.item_page, name="item"),
    path("<int:pk>/items/<int:iid>/edit/", items.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:iid>/move/", items.item_move, name="item_move"),
    path("<int:pk>/items/<int:iid>/evidence/", items.evidence_add, name="evidence_add"),
    path("<int:pk>/items/<int:iid>/evidence/<int:eid>/", items.evidence_file, name="evidence_file"),
    path("<int:pk>/r/<int:rid>/", reporter.reporter_page, name="reporter"),
    path("<int:pk>/r/<int:rid>/submit/", reporter.submit, name="submit"),
    path("<int:pk>/r/<int:rid>/move/", reporter.reporter_move, name="reporter_move"),
    path("<int:pk>/r/<int:rid>/rate/", reporter.rate, name="rate"),
    path("<int:pk>/r/<int:rid>/tell/", reporter.tell, name="tell"),
    path("<int:pk>/r/<int:rid>/problems/", reporter.problems, name="problems"),
    path("<int:pk>/r/<int:rid>/problems/<int:problem>/", reporter.problem_edit, name="problem"),
    path("<int:pk>/r/<int:rid>/letter.docx", reporter.letter, name="letter"),
]
