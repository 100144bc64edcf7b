"""create products

Revision ID: 2e7d9a4c1b02
Revises: 1f0c3b7a9d01
Create Date: 2024-01-02 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from shop.hooks import maybe_misbehave
from shop.labels import CATALOG_BRANCH

revision = "2e7d9a4c1b02"
down_revision = '1f0c3b7a9d01'
branch_labels = (CATALOG_BRANCH,)
depends_on = None


def upgrade():
    op.create_table(
        "products",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=False, server_default="0"),
    )
    maybe_misbehave(revision)


def downgrade():
    op.drop_table("products")
