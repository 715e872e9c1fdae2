"""The 述职评议 campaign's parts that need no database: its workflows as state machines, tallying the 民主测评,
combining the ratings by the campaign's scheme, and folding a report's findings into a 反馈问题清单."""
