"""create orders

Revision ID: 4c5b7e2d3f04
Revises: 3d6e8f1a2c03
Create Date: 2024-01-04 10:00:00

"""
from alembic import op
import sqlalchemy as sa

from shop.hooks import maybe_misbehave

revision = "4c5b7e2d3f04"
down_revision = '3d6e8f1a2c03'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id"), nullable=False),
    )
    maybe_misbehave(revision)


def downgrade():
    op.drop_table("orders")
