"""The workbench's pages; each checks scope through reviews.access before it reads anything."""
