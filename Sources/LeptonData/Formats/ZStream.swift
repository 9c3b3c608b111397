import CZlib

/// Owns one heap-allocated zlib stream; zlib checks that a stream never moves between calls.
final class ZStream {
    /// Whether the stream inflates or deflates; decides how it is torn down.
    enum Mode {
        case inflate
        case deflate
    }

    private let handle: UnsafeMutablePointer<z_stream>
    private let mode: Mode
    private var isInitialised = false

    /// Sets up a gzip stream: windowBits 16 + MAX_WBITS selects the gzip wrapper in both directions.
    init(mode: Mode, level: Int32 = Z_DEFAULT_COMPRESSION) throws(ZStreamFailure) {
        handle = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        handle.initialize(to: z_stream())
        self.mode = mode
        let size = Int32(MemoryLayout<z_stream>.size)
        let status: Int32
        switch mode {
        case .inflate:
            status = inflateInit2_(handle, 16 + MAX_WBITS, zlibVersion(), size)
        case .deflate:
            status = deflateInit2_(handle, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), size)
        }
        guard status == Z_OK else {
            throw ZStreamFailure(status: status, message: "initialisation failed")
        }
        isInitialised = true
    }

    deinit {
        if isInitialised {
            switch mode {
            case .inflate: inflateEnd(handle)
            case .deflate: deflateEnd(handle)
            }
        }
        handle.deinitialize(count: 1)
        handle.deallocate()
    }

    /// Runs one `inflate` or `deflate` call from `input` into `output`.
    ///
    /// Returns the zlib status and how many bytes were consumed and produced. The stream's
    /// pointers are cleared before returning, so none outlives the buffers.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer,
              flush: Int32) -> (status: Int32, consumed: Int, produced: Int) {
        let inCount = UInt32(clamping: input.count)
        let outCount = UInt32(clamping: output.count)
        handle.pointee.next_in = input.baseAddress.map {
            UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
        }
        handle.pointee.avail_in = inCount
        handle.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        handle.pointee.avail_out = outCount
        let status: Int32
        switch mode {
        case .inflate: status = inflate(handle, flush)
        case .deflate: status = deflate(handle, flush)
        }
        let consumed = Int(inCount - handle.pointee.avail_in)
        let produced = Int(outCount - handle.pointee.avail_out)
        handle.pointee.next_in = nil
        handle.pointee.next_out = nil
        handle.pointee.avail_in = 0
        handle.pointee.avail_out = 0
        return (status, consumed, produced)
    }

    /// Prepares an inflating stream for the next gzip member of a multi-member file.
    func reset() -> Int32 {
        inflateReset(handle)
    }

    /// zlib's message for the last error, if it set one.
    var message: String? {
        handle.pointee.msg.map { String(cString: $0) }
    }

    /// An upper bound on the deflated size of `count` bytes (plus the gzip wrapper).
    func deflateBound(_ count: Int) -> Int {
        Int(CZlib.deflateBound(handle, uLong(count))) + 32
    }
}

/// A zlib call that did not return `Z_OK`, before it is given a file name.
struct ZStreamFailure: Error {
    let status: Int32
    let message: String
}
