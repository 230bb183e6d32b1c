from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    HALL = "hall", _("Experience hall")
    WAREHOUSE = "warehouse", _("Warehouse or branch warehouse")
    ONLINE = "online", _("Online platform")
    FAIR = "fair", _("Trade fair")
    CANTEEN = "canteen", _("Canteen or trade-union purchase")


class ProductCategory(models.TextChoices):
    DRIED_FRUIT = "dried_fruit", _("Dried fruit and nuts")
    FRESH_FRUIT = "fresh_fruit", _("Fresh fruit")
    MEAT = "meat", _("Beef and mutton")
    GRAIN_OIL = "grain_oil", _("Grain and oil")
    DAIRY = "dairy", _("Dairy products")
    VEGETABLES = "vegetables", _("Vegetables")
    CRAFTS = "crafts", _("Crafts and textiles")
    OTHER = "other", _("Other products")


class Unit(models.TextChoices):
    TONNE = "t", _("tonnes")
    KILOGRAM = "kg", _("kilograms")
    PIECE = "piece", _("pieces")
    BOX = "box", _("boxes")


# What one unit weighs in tonnes, for the units that are a weight (件 and 箱 are not).
TONNES_PER_UNIT = {Unit.TONNE: 1, Unit.KILOGRAM: "0.001"}
