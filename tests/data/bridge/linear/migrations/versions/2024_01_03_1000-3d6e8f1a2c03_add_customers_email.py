"""add customers email

Revision ID: 3d6e8f1a2c03
Revises: 2e7d9a4c1b02
Create Date: 2024-01-03 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from shop.hooks import maybe_misbehave

revision = "3d6e8f1a2c03"
down_revision = '2e7d9a4c1b02'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("customers", sa.Column("email", sa.String(200), nullable=True))
    maybe_misbehave(revision)


def downgrade():
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("email")
