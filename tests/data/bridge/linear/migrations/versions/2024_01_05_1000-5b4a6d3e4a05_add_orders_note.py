"""add orders note

Revision ID: 5b4a6d3e4a05
Revises: 4c5b7e2d3f04
Create Date: 2024-01-05 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from shop.hooks import maybe_misbehave

revision = "5b4a6d3e4a05"
down_revision = '4c5b7e2d3f04'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text, nullable=True))
    maybe_misbehave(revision)


def downgrade():
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("note")
