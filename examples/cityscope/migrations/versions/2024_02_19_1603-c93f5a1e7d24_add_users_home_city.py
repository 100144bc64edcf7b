"""add users.home_city_id

Users pick a home city for their dashboard. Needs cities.region from the geo branch, hence the
depends_on: upgrading to this revision also applies e07d4b8a2c35.

Revision ID: c93f5a1e7d24
Revises: a41c7e2d9b60
Create Date: 2024-02-19 16:03:12.885671

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "c93f5a1e7d24"
down_revision: Union[str, Sequence[str], None] = "a41c7e2d9b60"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = "e07d4b8a2c35"


def upgrade() -> None:
    # No database-level foreign key: SQLite cannot add one to an existing table without
    # rebuilding it, and the API validates the city itself.
    op.add_column("users", sa.Column("home_city_id", sa.Integer(), nullable=True))
    op.create_index("ix_users_home_city_id", "users", ["home_city_id"])


def downgrade() -> None:
    op.drop_index("ix_users_home_city_id", table_name="users")
    op.drop_column("users", "home_city_id")
