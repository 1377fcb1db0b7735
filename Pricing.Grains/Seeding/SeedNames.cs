namespace Pricing.Seeding;

/// <summary>Word lists that make generated materials and competitors read like a hardware wholesaler's catalog.</summary>
internal static class SeedNames
{
    public static readonly (string Code, string Name, string Uom)[] MaterialGroups =
    [
        ("FAST01", "bolt", "PAC"), ("TOOL02", "hammer", "EA"), ("ELEC03", "LED bulb", "EA"), ("PAINT04", "wall paint", "L"),
        ("PLMB05", "pipe fitting", "EA"), ("GARD06", "garden hose", "M"), ("SAFE07", "safety glove", "PAC"), ("ADHS08", "adhesive", "KG"),
        ("CABL09", "cable", "M"), ("LOCK10", "padlock", "EA"), ("ABRS11", "sanding disc", "PAC"), ("WOOD12", "timber board", "M"),
        ("INSL13", "insulation roll", "M"), ("FLOR14", "floor tile", "KG"), ("LAMP15", "work lamp", "EA"), ("PUMP16", "water pump", "EA"),
        ("SEAL17", "sealant", "EA"), ("ROPE18", "rope", "M"), ("SCRW19", "wood screw", "PAC"), ("HING20", "door hinge", "EA"),
        ("LADR21", "ladder", "EA"), ("DRIL22", "drill bit", "PAC"), ("BRSH23", "paint brush", "EA"), ("FILT24", "air filter", "EA"),
    ];

    public static readonly string[] Adjectives =
        ["Heavy-duty", "Compact", "Professional", "Galvanised", "Stainless", "Outdoor", "Industrial", "Classic", "Premium", "Economy"];

    public static readonly string[] Sizes = ["S", "M", "L", "XL", "10 mm", "25 mm", "50 cm", "1 m", "5 L", "500 g", "2 kg", "M8", "M10"];

    public static readonly string[] Competitors =
    [
        "Alder Supply", "Brightmart", "Castell Tools", "Dunmore Trade", "Evergreen Depot", "Fjord Industrial",
        "Granite Wholesale", "Harbor Hardware", "Ironwood Direct", "Juniper & Co", "Kestrel Parts", "Lumen Outlet",
    ];
}
