"""create customers

Revision ID: 1f0c3b7a9d01
Revises: 
Create Date: 2024-01-01 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from shop.hooks import maybe_misbehave

revision = "1f0c3b7a9d01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    maybe_misbehave(revision)


def downgrade():
    op.drop_table("customers")
