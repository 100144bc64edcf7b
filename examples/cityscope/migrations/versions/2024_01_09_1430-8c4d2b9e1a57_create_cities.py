"""create cities

Revision ID: 8c4d2b9e1a57
Revises: 3f1a9c2e7b10
Create Date: 2024-01-09 14:30:02.551970

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "8c4d2b9e1a57"
down_revision: Union[str, Sequence[str], None] = "3f1a9c2e7b10"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "cities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.UniqueConstraint("name", "country_code", name="uq_cities_name_country"),
    )


def downgrade() -> None:
    op.drop_table("cities")
