/// A dense, row-major Float32 tensor whose first dimension is the batch.
///
/// `Tensor` is a reference type that owns (or views) one contiguous buffer. Layers keep
/// their output tensors between calls and overwrite them, so the compute core does not
/// allocate per training step; call ``copy()`` or ``array`` to keep values.
public final class Tensor {
    /// The dimensions, outermost first (for images: N, H, W, C).
    public private(set) var shape: [Int]
    /// The number of elements, the product of ``shape``.
    public private(set) var count: Int
    /// The first element. Valid while this tensor (and the tensor it views) is alive.
    public let pointer: UnsafeMutablePointer<Float>
    /// How many elements the buffer can hold without reallocation.
    public let capacity: Int
    private let owner: Tensor?
    private let owns: Bool

    /// A zero-filled tensor of the given shape.
    public init(zeros shape: [Int]) {
        let n = Tensor.elementCount(shape)
        self.shape = shape
        self.count = n
        self.capacity = Swift.max(n, 1)
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        self.pointer.initialize(repeating: 0, count: capacity)
        self.owner = nil
        self.owns = true
    }

    /// A tensor holding `values` with the given shape.
    public convenience init(shape: [Int], values: [Float]) {
        precondition(Tensor.elementCount(shape) == values.count,
                     "Tensor(shape: \(shape)) needs \(Tensor.elementCount(shape)) values, got \(values.count)")
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    /// A view of `base`'s storage with another shape of the same element count.
    public init(viewing base: Tensor, shape: [Int]) {
        let n = Tensor.elementCount(shape)
        precondition(n == base.count, "cannot view \(base.shape) as \(shape)")
        self.shape = shape
        self.count = n
        self.capacity = n
        self.pointer = base.pointer
        self.owner = base
        self.owns = false
    }

    deinit {
        if owns { pointer.deallocate() }
    }

    /// Changes the shape in place; the new element count must fit the buffer.
    public func reshape(_ newShape: [Int]) {
        let n = Tensor.elementCount(newShape)
        precondition(owns || n == count, "a view cannot change its element count")
        precondition(n <= capacity, "reshape to \(newShape) needs \(n) elements, capacity is \(capacity)")
        shape = newShape
        count = n
    }

    /// The values as a Swift array (a copy).
    public var array: [Float] { Array(buffer) }

    /// The values as a buffer pointer (valid while the tensor lives).
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: pointer, count: count)
    }

    /// A new tensor with the same shape and values.
    public func copy() -> Tensor {
        let t = Tensor(zeros: shape)
        t.pointer.update(from: pointer, count: count)
        return t
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        pointer.update(repeating: value, count: count)
    }

    /// Element access by flat index.
    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    /// The number of samples (the first dimension).
    public var batch: Int { shape.first ?? 0 }

    /// The elements per sample (the product of all but the first dimension).
    public var sampleSize: Int { shape.isEmpty ? 0 : count / Swift.max(shape[0], 1) }

    /// The product of the dimensions of `shape`.
    public static func elementCount(_ shape: [Int]) -> Int {
        shape.reduce(1, *)
    }

    /// Returns `existing` reshaped to `shape` when it is large enough, or a new tensor.
    public static func reuse(_ existing: Tensor?, shape: [Int]) -> Tensor {
        let n = elementCount(shape)
        if let t = existing, t.owns, t.capacity >= n {
            t.reshape(shape)
            return t
        }
        return Tensor(zeros: shape)
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape and the first few values.
    public var description: String {
        let head = (0..<Swift.min(count, 8)).map { String(pointer[$0]) }.joined(separator: ", ")
        return "Tensor\(shape)[\(head)\(count > 8 ? ", …" : "")]"
    }
}
