"""Stories: articles about the same event, close in time, clustered incrementally.

``features(article, entities=None)`` extracts what identifies an event; ``StoryIndex.add``
assigns the article to a story (``StoryIndex.story`` gives its label and date range); the
index keeps its state in SQLite tables, so a store's index continues from run to run.
"""

from newsgraph.stories.features import StoryFeatures, features
from newsgraph.stories.index import StoryIndex, story_id_for
from newsgraph.stories.label import Story

__all__ = ["Story", "StoryFeatures", "StoryIndex", "features", "story_id_for"]
