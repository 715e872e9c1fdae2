"""The web workbench: Django project and the reviews app. The only part of shuzhi that imports Django."""
