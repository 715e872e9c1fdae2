"""Entry forms: each record typed once, with what can be derived (应到, 实到) derived."""

from __future__ import annotations

import datetime

from django import forms

from shuzhi.ledger import development as dev
from shuzhi.ledger.records import MEETING_KINDS

from . import models as m


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthField(forms.DateField):
    """A month typed as 2023-05 (the browser's month picker) or any date; stored as its first day."""

    widget = forms.DateInput(attrs={"type": "month"})

    def to_python(self, value):
        if isinstance(value, str) and len(value.strip()) == 7:
            value = value.strip() + "-01"
        day = super().to_python(value)
        return day.replace(day=1) if day else day

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, datetime.date) else value


def _dates(model_form):
    for name, field in model_form.base_fields.items():
        if isinstance(field, forms.DateField) and not isinstance(field, MonthField):
            field.widget = DateInput()
    return model_form


class MemberForm(forms.ModelForm):
    class Meta:
        model = m.Member
        fields = ["name", "category", "joined", "confirmed", "birth", "group", "mobile", "dues_category", "dues_base", "note"]


class ChangeForm(forms.ModelForm):
    class Meta:
        model = m.MemberChange
        fields = ["kind", "date", "note"]


class TalkForm(forms.ModelForm):
    class Meta:
        model = m.Talk
        fields = ["date", "talker", "talkee", "note"]


class PaymentForm(forms.ModelForm):
    first_month = MonthField(label="起始月份")
    last_month = MonthField(label="截止月份", help_text="只交一个月的，与起始月份相同")

    class Meta:
        model = m.Payment
        fields = ["member", "first_month", "last_month", "amount", "paid_on", "note"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = m.Member.objects.filter(organization=organization)


class ElectionForm(forms.ModelForm):
    class Meta:
        model = m.Election
        fields = ["date", "term_years", "secretary", "members"]


class AppraisalForm(forms.ModelForm):
    class Meta:
        model = m.Appraisal
        fields = ["member", "year", "grade"]

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = m.Member.objects.filter(organization=organization)


class MeetingForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(label="类型", choices=[(k, k) for k in MEETING_KINDS], widget=forms.CheckboxSelectMultiple,
                                      help_text="一次会议同时是几种的都勾上（只登记一次）")

    class Meta:
        model = m.Meeting
        fields = ["date", "kinds", "topic", "host", "recorder", "lecturer", "group", "expected", "present", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = m.Resolution
        fields = ["title", "votes_for", "against", "abstain"]


ResolutionFormSet = forms.inlineformset_factory(m.Meeting, m.Resolution, form=ResolutionForm, extra=1, can_delete=True)
ChangeFormSet = forms.inlineformset_factory(m.Member, m.MemberChange, form=ChangeForm, extra=1, can_delete=True)


class CandidateForm(forms.ModelForm):
    class Meta:
        model = m.Candidate
        fields = ["name", "birth", "hours", "introducers", "extensions", "note"]


class StepForm(forms.Form):
    """The date of each key step (and any other of the 25), on the candidate's page."""

    def __init__(self, *args, steps: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        steps = steps or {}
        for name in dev.STEP_NAMES + (dev.CONFIRMED,):
            self.fields[name] = forms.DateField(label=name, required=False, widget=DateInput(), initial=steps.get(name))


for _form in (MemberForm, ChangeForm, TalkForm, PaymentForm, ElectionForm, MeetingForm, CandidateForm):
    _dates(_form)
