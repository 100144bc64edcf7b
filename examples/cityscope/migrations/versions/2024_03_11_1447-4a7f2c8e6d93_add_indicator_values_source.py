"""add indicator_values.source with server default 'manual'

Revision ID: 4a7f2c8e6d93
Revises: 9d5e3b7a1c06
Create Date: 2024-03-11 14:47:26.110958

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "4a7f2c8e6d93"
down_revision: Union[str, Sequence[str], None] = "9d5e3b7a1c06"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "indicator_values",
        sa.Column("source", sa.String(length=40), server_default="manual", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("indicator_values", "source")
