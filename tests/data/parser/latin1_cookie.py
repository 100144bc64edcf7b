# coding: latin-1
"""café"""
revision = 'l1'
down_revision = None
