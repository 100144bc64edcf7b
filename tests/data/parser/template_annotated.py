"""add users

Revision ID: ae1027a6acf
Revises: 1975ea83b712
Create Date: 2022-02-19 20:55:43.123456

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "ae1027a6acf"
down_revision: Union[str, None] = "1975ea83b712"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("users")
