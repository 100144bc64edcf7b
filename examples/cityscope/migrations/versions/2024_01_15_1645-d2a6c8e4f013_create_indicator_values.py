"""create indicator_values

Revision ID: d2a6c8e4f013
Revises: b7e3f0a4c921
Create Date: 2024-01-15 16:45:10.731026

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "d2a6c8e4f013"
down_revision: Union[str, Sequence[str], None] = "b7e3f0a4c921"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("city_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["city_id"], ["cities.id"], name="fk_indicator_values_city", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicators.id"], name="fk_indicator_values_indicator"),
        sa.UniqueConstraint("city_id", "indicator_id", "observed_on", name="uq_indicator_values_obs"),
    )


def downgrade() -> None:
    op.drop_table("indicator_values")
