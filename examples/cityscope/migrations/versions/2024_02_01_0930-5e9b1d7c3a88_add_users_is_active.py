"""add users.is_active with a server default

Existing users stay active: the server default fills the new NOT NULL column.

Revision ID: 5e9b1d7c3a88
Revises: d2a6c8e4f013
Create Date: 2024-02-01 09:30:55.190334

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "5e9b1d7c3a88"
down_revision: Union[str, Sequence[str], None] = "d2a6c8e4f013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("users", "is_active")
