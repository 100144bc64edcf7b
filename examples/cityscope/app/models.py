"""SQLAlchemy models of the Cityscope API. Alembic's autogenerate compares these with the database."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class User(Base):
    __tablename__ = "users"

    id = Column(Integer, primary_key=True)
    email = Column(String(255), nullable=False, unique=True)
    full_name = Column(String(120), nullable=False)
    hashed_password = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    is_active = Column(Boolean, nullable=False, server_default="1")
    home_city_id = Column(Integer, nullable=True, index=True)

    api_keys = relationship("ApiKey", back_populates="user", cascade="all, delete-orphan")


class ApiKey(Base):
    __tablename__ = "api_keys"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    key_hash = Column(String(128), nullable=False, unique=True)
    label = Column(String(80), nullable=False)
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    last_used_at = Column(DateTime)

    user = relationship("User", back_populates="api_keys")


class City(Base):
    __tablename__ = "cities"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    country_code = Column(String(2), nullable=False)
    latitude = Column(Float, nullable=False)
    longitude = Column(Float, nullable=False)
    population = Column(Integer)
    region = Column(String(80))

    __table_args__ = (UniqueConstraint("name", "country_code", name="uq_cities_name_country"),)


class Indicator(Base):
    __tablename__ = "indicators"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False, unique=True)
    name = Column(String(120), nullable=False)
    unit = Column(String(20), nullable=False)
    description = Column(Text)


class IndicatorValue(Base):
    __tablename__ = "indicator_values"

    id = Column(Integer, primary_key=True)
    city_id = Column(Integer, ForeignKey("cities.id", ondelete="CASCADE"), nullable=False)
    indicator_id = Column(Integer, ForeignKey("indicators.id"), nullable=False)
    observed_on = Column(Date, nullable=False)
    value = Column(Float, nullable=False)
    source = Column(String(40), nullable=False, server_default="manual")

    __table_args__ = (
        UniqueConstraint("city_id", "indicator_id", "observed_on", name="uq_indicator_values_obs"),
    )


class Report(Base):
    __tablename__ = "reports"

    id = Column(Integer, primary_key=True)
    owner_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    title = Column(String(200), nullable=False)
    city_id = Column(Integer, ForeignKey("cities.id"), nullable=False)
    created_at = Column(DateTime, nullable=False, server_default=func.now())
    published = Column(Boolean, nullable=False, server_default="0")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
