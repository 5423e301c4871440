/// How a mosaic rule orders the catalog items it selects (`mosaicMethod`).
///
/// Nadir, Viewpoint and Seamline need data this catalog does not have (sensor geometry,
/// seamlines) and are refused with an error naming the supported methods.
enum MosaicMethod: Sendable, Equatable {
    /// Catalog (OBJECTID) order.
    case none
    /// Items whose centre is closest to the view's centre first.
    case center
    /// Items whose centre is closest to the service extent's north-west corner first.
    case northwest
    /// Only `lockRasterIds`, in the order given.
    case lockRaster
    /// By `|sortField − sortValue|`, ascending unless `ascending` is false.
    case attribute

    /// The root's `allowedMosaicMethods`.
    static let allowedNames = "None,Center,NorthWest,LockRaster,ByAttribute"

    /// Reads `esriMosaicCenter`, `Center`, `center`, `ByAttribute`, `esriMosaicAttribute`, …
    init?(name: String) {
        var lowered = name.lowercased()
        if lowered.hasPrefix("esrimosaic") { lowered.removeFirst("esrimosaic".count) }
        switch lowered {
        case "none": self = .none
        case "center": self = .center
        case "northwest": self = .northwest
        case "lockraster": self = .lockRaster
        case "attribute", "byattribute": self = .attribute
        default: return nil
        }
    }

    /// The short name the root uses (`defaultMosaicMethod`).
    var shortName: String {
        switch self {
        case .none: "None"
        case .center: "Center"
        case .northwest: "Northwest"
        case .lockRaster: "LockRaster"
        case .attribute: "ByAttribute"
        }
    }
}

/// How overlapping items combine into one pixel (`mosaicOperation`).
///
/// `MT_BLEND` is read as ``mean`` (a blend along seamlines needs seamlines).
enum MosaicOperation: Sendable, Equatable {
    case first, last, min, max, mean, sum

    /// Reads `MT_FIRST`, `First`, `first`, …
    init?(name: String) {
        var lowered = name.lowercased()
        if lowered.hasPrefix("mt_") { lowered.removeFirst(3) }
        switch lowered {
        case "first": self = .first
        case "last": self = .last
        case "min": self = .min
        case "max": self = .max
        case "mean", "blend": self = .mean
        case "sum": self = .sum
        default: return nil
        }
    }

    /// The root's `mosaicOperator` name.
    var shortName: String {
        switch self {
        case .first: "First"
        case .last: "Last"
        case .min: "Min"
        case .max: "Max"
        case .mean: "Mean"
        case .sum: "Sum"
        }
    }
}
