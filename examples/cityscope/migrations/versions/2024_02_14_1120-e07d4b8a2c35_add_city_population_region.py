"""add cities.population and cities.region (geo branch)

Starts the `geo` feature branch.

Revision ID: e07d4b8a2c35
Revises: 5e9b1d7c3a88
Create Date: 2024-02-14 11:20:48.412950

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "e07d4b8a2c35"
down_revision: Union[str, Sequence[str], None] = "5e9b1d7c3a88"
branch_labels: Union[str, Sequence[str], None] = ("geo",)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("cities", sa.Column("population", sa.Integer(), nullable=True))
    op.add_column("cities", sa.Column("region", sa.String(length=80), nullable=True))


def downgrade() -> None:
    op.drop_column("cities", "region")
    op.drop_column("cities", "population")
