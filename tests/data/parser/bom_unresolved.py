# -*- coding: utf-8 -*-
# Copyright (c) Example
import os
"""late docstring"""
from app import cli
revision = r"kilo"
down_revision = u'I38991de2b4' \
    'x'
branch_labels = (cli.EXPAND_BRANCH,)
depends_on = ['a', "b",]
revision: str = f"{revision}"
