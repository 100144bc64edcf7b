"""Cityscope: an API serving city indicators (population, air quality, transit) to dashboards."""
