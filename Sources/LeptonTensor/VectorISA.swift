/// The widest vector instruction set a CPU can run (or a BLAS kernel is written for),
/// in the order that matters for single-precision GEMM speed.
public enum VectorISA: Int, Comparable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// SSE-class code (or an unknown architecture): no 256-bit vectors.
    case baseline = 0
    /// 256-bit AVX without FMA (Sandy Bridge, Bulldozer).
    case avx = 1
    /// AVX2 with FMA (Haswell, Zen 1–3).
    case avx2 = 2
    /// AVX-512 F/BW/DQ/VL with the ZMM state enabled by the OS (Skylake-SP and later, Zen 4).
    case avx512 = 3

    public static func < (a: VectorISA, b: VectorISA) -> Bool { a.rawValue < b.rawValue }

    /// "AVX-512", "AVX2", "AVX", "SSE".
    public var description: String {
        switch self {
        case .baseline: return "SSE"
        case .avx: return "AVX"
        case .avx2: return "AVX2"
        case .avx512: return "AVX-512"
        }
    }

    /// Decodes the name written by ``encode(to:)`` ("AVX-512", …).
    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let isa = VectorISA.allCases.first(where: { $0.description == name }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown instruction set '\(name)'; expected one of "
                                                        + VectorISA.allCases.map(\.description).joined(separator: ", ")))
        }
        self = isa
    }

    /// Encodes the readable name ("AVX-512"), not the rank.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
