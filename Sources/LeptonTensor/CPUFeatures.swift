import CBLAS

/// What this CPU offers for vector code, read with `cpuid` and checked against the
/// register state the operating system actually saves (XCR0), so that a hypervisor
/// that hides AVX-512 state is not mistaken for an AVX-512 machine.
public struct CPUFeatures: Sendable, Codable, Equatable {
    /// The vendor string, e.g. "GenuineIntel" or "AuthenticAMD" ("" off x86).
    public let vendor: String
    /// The brand string, e.g. "AMD EPYC 9R14 96-Core Processor" ("unknown" off x86).
    public let model: String
    /// The widest vector instruction set that is both present and enabled.
    public let isa: VectorISA
    /// Whether AVX-512 BF16 is usable (Cooper Lake, Sapphire Rapids, Zen 4).
    public let hasAVX512BF16: Bool

    /// Creates a description by hand (for tests and reports read back from JSON).
    public init(vendor: String, model: String, isa: VectorISA, hasAVX512BF16: Bool = false) {
        self.vendor = vendor
        self.model = model
        self.isa = isa
        self.hasAVX512BF16 = hasAVX512BF16
    }

    /// The CPU this process runs on (detected once).
    public static let current: CPUFeatures = detect()

    private static func detect() -> CPUFeatures {
        func cpuid(_ leaf: UInt32, _ sub: UInt32 = 0) -> [UInt32]? {
            var r: [UInt32] = [0, 0, 0, 0]
            let ok = r.withUnsafeMutableBufferPointer { lepton_cpuid(leaf, sub, $0.baseAddress) }
            return ok != 0 ? r : nil
        }
        func bit(_ v: UInt32, _ b: UInt32) -> Bool { v & (1 << b) != 0 }
        func text(_ words: [UInt32]) -> String {
            var bytes: [UInt8] = []
            for w in words { for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((w >> UInt32(s)) & 0xFF)) } }
            return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).trimmingSpaces()
        }
        guard let leaf0 = cpuid(0) else { return CPUFeatures(vendor: "", model: "unknown", isa: .baseline) }
        let vendor = text([leaf0[1], leaf0[3], leaf0[2]])
        var model = "unknown"
        if let ext = cpuid(0x8000_0000), ext[0] >= 0x8000_0004,
           let a = cpuid(0x8000_0002), let b = cpuid(0x8000_0003), let c = cpuid(0x8000_0004) {
            model = text(a + b + c)
        }
        let xcr0 = lepton_xcr0()
        let osAVX = xcr0 & 0x6 == 0x6             // XMM and YMM state
        let osAVX512 = xcr0 & 0xE6 == 0xE6        // and opmask, ZMM_Hi256, Hi16_ZMM
        let f1 = cpuid(1) ?? [0, 0, 0, 0]
        let f7 = leaf0[0] >= 7 ? (cpuid(7) ?? [0, 0, 0, 0]) : [0, 0, 0, 0]
        let f7s1 = leaf0[0] >= 7 && f7[0] >= 1 ? (cpuid(7, 1) ?? [0, 0, 0, 0]) : [0, 0, 0, 0]
        let avx = bit(f1[2], 28) && osAVX
        let avx2 = avx && bit(f7[1], 5) && bit(f1[2], 12)                  // AVX2 and FMA3
        let avx512 = avx2 && osAVX512 && bit(f7[1], 16) && bit(f7[1], 17)  // F, DQ
            && bit(f7[1], 30) && bit(f7[1], 31)                               // BW, VL
        let isa: VectorISA = avx512 ? .avx512 : avx2 ? .avx2 : avx ? .avx : .baseline
        return CPUFeatures(vendor: vendor, model: model, isa: isa, hasAVX512BF16: avx512 && bit(f7s1[0], 5))
    }
}

private extension String {
    func trimmingSpaces() -> String {
        let chars = Array(self)
        guard let first = chars.firstIndex(where: { $0 != " " }), let last = chars.lastIndex(where: { $0 != " " }) else { return "" }
        return String(chars[first...last])
    }
}
