"""Signals of the organization tree, for the apps that keep something per organization."""

from django.dispatch import Signal

# Sent after an organization moved under another parent and its subtree's paths were rewritten:
# moved.send(sender=Organization, instance=org, old_path="/1/2/", new_path="/1/7/2/")
moved = Signal()
