"""create indicators

Indicators are the measures a city reports (population, PM2.5, transit ridership...).

Revision ID: b7e3f0a4c921
Revises: 8c4d2b9e1a57
Create Date: 2024-01-10 11:02:37.004411

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "b7e3f0a4c921"
down_revision: Union[str, Sequence[str], None] = "8c4d2b9e1a57"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.UniqueConstraint("code", name="uq_indicators_code"),
    )


def downgrade() -> None:
    op.drop_table("indicators")
