/// Eight Float lanes loaded from and stored to unaligned memory — the building block of
/// Lepton's element-wise kernels (the compiler maps it to the widest vector unit the
/// build targets).
public typealias Float8 = SIMD8<Float>

extension UnsafePointer where Pointee == Float {
    /// Loads eight consecutive values starting at `offset`.
    @inlinable @inline(__always)
    public func load8(_ offset: Int) -> Float8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Float8.self)
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// Loads eight consecutive values starting at `offset`.
    @inlinable @inline(__always)
    public func load8(_ offset: Int) -> Float8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Float8.self)
    }

    /// Stores eight consecutive values starting at `offset`.
    @inlinable @inline(__always)
    public func store8(_ v: Float8, _ offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: v, as: Float8.self)
    }
}

/// max(v, 0) lane by lane, branch-free.
@inlinable @inline(__always)
public func relu8(_ v: Float8) -> Float8 {
    v.replacing(with: 0, where: v .< 0)
}
