import Foundation

/// Lepton's one way to write numbers for people (terminal output, reports, messages; JSON
/// follows ``LabJSON``). Non-finite values read "NaN", "∞" and "−∞" everywhere a person
/// reads them (C's `printf` would write "nan" in the terminal while reports wrote "NaN").
public enum NumberFormat {
    /// "NaN", "∞" or "−∞" for a non-finite value; nil for a finite one.
    public static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        return nil
    }

    /// `value` with `decimals` digits after the point ("0.9312" for 4).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        nonFinite(value) ?? String(format: "%.\(max(0, min(17, decimals)))f", value)
    }

    /// `value` with at most `digits` significant digits, as C's `%g` writes it ("0.001", "1.5e+07").
    public static func significant(_ value: Double, _ digits: Int = 4) -> String {
        nonFinite(value) ?? String(format: "%.\(max(1, min(17, digits)))g", value)
    }

    /// A number for reports and messages: integers without a fraction, four significant
    /// digits between 0.001 and a million, scientific notation beyond.
    public static func general(_ value: Double) -> String {
        if let text = nonFinite(value) { return text }
        if value == value.rounded() && abs(value) < 1e9 { return String(Int(value)) }
        if abs(value) >= 0.001 && abs(value) < 1e6 { return String(format: "%.4g", value) }
        return String(format: "%.3e", value)
    }
}
