/// How the `noData` values decide that a multi-band pixel is NoData (transparent).
///
/// ArcGIS's `noDataInterpretation` parameter of exportImage. With ``matchAny`` a pixel is
/// NoData when *any* band equals its noData value; with ``matchAll`` only when *every*
/// band does. When a request omits it, servers use MatchAny for a single noData value and
/// MatchAll for a per-band list.
public enum NoDataInterpretation: String, Sendable, CaseIterable, Codable {
    /// `esriNoDataMatchAny`: one band equal to its noData value makes the pixel transparent.
    case matchAny = "esriNoDataMatchAny"
    /// `esriNoDataMatchAll`: every band must equal its noData value.
    case matchAll = "esriNoDataMatchAll"
}
