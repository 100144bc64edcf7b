"""merge heads

Revision ID: m1
Revises: a1, b2
"""
revision = 'm1'
down_revision = (
    'a1',  # left
    'b2',
)
branch_labels = None
depends_on = None
