"""The consumer-aid forms: the column declarations' fields, with scoped pickers."""

from __future__ import annotations

from duikou.consumer.columns import CHANNELS, PRODUCTS, SALES, TARGETS
from duikou.core.registry import form_for


class ChannelForm(form_for(CHANNELS)):
    pickers = {"aiding_party": ("party", "record"), "source_place": ("place", "filter")}


class ProductForm(form_for(PRODUCTS)):
    pickers = {
        "channel": ("channel", "record"),
        "supplier": ("organisation", "consumer.supplier"),
    }


class SalesEntryForm(form_for(SALES)):
    pickers = {
        "channel": ("channel", "record"),
        "supplier": ("organisation", "consumer.supplier"),
    }


class SalesTargetForm(form_for(TARGETS)):
    pickers = {"aiding_party": ("party", "record")}
