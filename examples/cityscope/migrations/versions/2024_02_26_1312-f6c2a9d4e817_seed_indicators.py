"""seed the standard indicators and regions (data migration)

Inserts the indicator catalogue the dashboards expect and fills cities.region for the cities
imported before regions existed.

Revision ID: f6c2a9d4e817
Revises: 1b8e6f3d9a42
Create Date: 2024-02-26 13:12:05.940182

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "f6c2a9d4e817"
down_revision: Union[str, Sequence[str], None] = "1b8e6f3d9a42"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

indicators = sa.table(
    "indicators",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("unit", sa.String),
    sa.column("description", sa.Text),
)
cities = sa.table(
    "cities",
    sa.column("country_code", sa.String),
    sa.column("region", sa.String),
)

SEED = [
    {"code": "population", "name": "Population", "unit": "people", "description": "Residents at census date"},
    {"code": "pm25", "name": "PM2.5", "unit": "ug/m3", "description": "Fine particulate matter, annual mean"},
    {"code": "transit_trips", "name": "Transit trips", "unit": "trips/day", "description": "Public transport boardings"},
    {"code": "green_area", "name": "Green area", "unit": "m2/person", "description": "Public green space per resident"},
]
REGIONS = {"BR": "South America", "PT": "Europe", "DE": "Europe", "JP": "Asia", "US": "North America"}


def upgrade() -> None:
    op.bulk_insert(indicators, SEED)
    for country, region in REGIONS.items():
        op.execute(
            cities.update()
            .where(cities.c.country_code == op.inline_literal(country))
            .values(region=op.inline_literal(region))
        )


def downgrade() -> None:
    op.execute(cities.update().values(region=None))
    op.execute(indicators.delete().where(indicators.c.code.in_([row["code"] for row in SEED])))
