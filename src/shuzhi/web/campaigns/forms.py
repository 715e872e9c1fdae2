"""The campaign's forms; the scheme's weights are checked by the engine's Scheme."""

from __future__ import annotations

from django import forms

from shuzhi.campaign.feedback import CATEGORIES
from shuzhi.campaign.scheme import Scheme
from shuzhi.campaign.tally import GRADES

from ..ledger.forms import DateInput
from ..orgs.models import Organization
from .models import Campaign, Item, PaperTally, Problem


class CampaignForm(forms.ModelForm):
    reporter_kinds = forms.MultipleChoiceField(
        label="述职人", required=False, widget=forms.CheckboxSelectMultiple, choices=Organization.KINDS,
        help_text="范围内这些类型的党组织的书记都要述职（可以之后再添加）")

    class Meta:
        model = Campaign
        fields = ["name", "year", "scope", "report_kind", "deadline", "meeting_date", "weight_reading", "weight_ballots",
                  "weight_routine", "poor_veto"]
        widgets = {"deadline": DateInput(), "meeting_date": DateInput()}

    def __init__(self, *args, scopes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scopes is not None:
            self.fields["scope"].queryset = scopes
        if self.instance.pk:
            del self.fields["reporter_kinds"]
            if self.instance.state not in ("preparing", "collecting"):
                self.fields["scope"].disabled = True

    def clean(self):
        data = super().clean()
        w = [data.get(k) for k in ("weight_reading", "weight_ballots", "weight_routine")]
        if all(v is not None for v in w):
            for problem in Scheme(reading=w[0] / 100, ballots=w[1] / 100, routine=w[2] / 100).problems():
                self.add_error(None, problem)
        if data.get("deadline") and data.get("meeting_date") and data["meeting_date"] < data["deadline"]:
            self.add_error("meeting_date", "述职评议会应在报告截止日期之后")
        return data


class RatingForm(forms.Form):
    reading = forms.ChoiceField(label="审读等次", choices=[(g, g) for g in GRADES], widget=forms.RadioSelect)
    comment = forms.CharField(label="点评", widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000)
    reason = forms.CharField(label="与建议不同的理由", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)
    routine = forms.DecimalField(label="平时考核（分）", required=False, min_value=0, max_value=100, decimal_places=1)

    def __init__(self, *args, suggested: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested

    def clean(self):
        data = super().clean()
        if self.suggested and data.get("reading") and data["reading"] != self.suggested and not (data.get("reason") or "").strip():
            self.add_error("reason", f"系统建议为“{self.suggested}”，评为“{data['reading']}”请写明理由")
        return data


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["category", "text", "requirement", "deadline"]
        widgets = {"deadline": DateInput(), "text": forms.Textarea(attrs={"rows": 2}), "requirement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c, c) for c in CATEGORIES]


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["measures", "owner", "due"]
        widgets = {"due": DateInput(), "measures": forms.Textarea(attrs={"rows": 4})}


class PaperForm(forms.ModelForm):
    class Meta:
        model = PaperTally
        fields = ["issued", "recovered", "valid", "good", "fair", "average", "poor"]

    def clean(self):
        data = super().clean()
        if all(data.get(k) is not None for k in self.Meta.fields):
            tally = PaperTally(**{k: data[k] for k in self.Meta.fields})
            for problem in tally.totals().problems():
                self.add_error(None, problem)
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(label="上传文件", required=False)
    records = forms.MultipleChoiceField(label="关联台账记录", required=False, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = records

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("records"):
            raise forms.ValidationError("请上传文件或选择台账记录")
        return data
