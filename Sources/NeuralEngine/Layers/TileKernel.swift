/// The register kernels of the direct and Winograd convolutions: 4 output channels × 24 or 8 consecutive
/// positions (or 5 channels × 16 or 8), each summed over every tap (`offsets[t]` locates tap t's input run
/// relative to the positions).
struct TileKernel {
    typealias Vector = SIMD8<Float>
    let offsets: UnsafePointer<Int>
    let taps: Int
    let activated: Bool

    /// Bias and PReLU slope of the channels of a block (4 or 5 of the 8 lanes used).
    struct Epilogue {
        let bias: SIMD8<Float>
        let slope: SIMD8<Float>
    }

    /// Computes `count` consecutive flat positions starting at `base` for a block of `channels` (4 or 5;
    /// filters `[taps][channels]`), as tiles of 4 × 24 or 5 × 16 positions, then 8; channel `k` of the block goes to
    /// `dst + k·channelStride`. A last partial tile is computed over the positions ending at `count`,
    /// overlapping its predecessor (under 8 positions, it starts before `base`, which must be readable and
    /// writable there).
    @inline(__always)
    func run(_ base: UnsafePointer<Float>, count: Int, channels: Int = 4, filters: UnsafePointer<Float>, epilogue: Epilogue,
             into dst: UnsafeMutablePointer<Float>, channelStride: Int) {
        let lanes = DirectConvolution.lanes, wideWidth = channels == 5 ? 2 * lanes : 3 * lanes
        @inline(__always)
        func wideTile(_ p: Int) {
            if channels == 5 {
                wideFive(base + p, filters: filters, epilogue: epilogue, into: dst + p, channelStride: channelStride)
            } else {
                wide(base + p, filters: filters, epilogue: epilogue, into: dst + p, channelStride: channelStride)
            }
        }
        var p = 0
        while p + wideWidth <= count {
            wideTile(p)
            p += wideWidth
        }
        if p < count && count - p > lanes && count >= wideWidth {
            wideTile(count - wideWidth)
            return
        }
        while p + lanes <= count {
            narrow(base + p, channels: channels, filters: filters, epilogue: epilogue, into: dst + p, channelStride: channelStride)
            p += lanes
        }
        if p < count {
            narrow(base + count - lanes, channels: channels, filters: filters, epilogue: epilogue, into: dst + count - lanes,
                   channelStride: channelStride)
        }
    }

    @inline(__always)
    private func load(_ p: UnsafePointer<Float>, _ vector: Int) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(fromByteOffset: vector * 32, as: Vector.self)
    }

    @inline(__always)
    private func store(_ v: Vector, channel: Int, _ epilogue: Epilogue, _ dst: UnsafeMutablePointer<Float>, _ channelStride: Int) {
        var r = v + Vector(repeating: epilogue.bias[channel])
        if activated {
            // PReLU as one product: by 1 where r ≥ 0, by the slope where it is negative.
            r *= Vector(repeating: 1).replacing(with: Vector(repeating: epilogue.slope[channel]), where: r .< Vector())
        }
        UnsafeMutableRawPointer(dst + channel * channelStride).storeBytes(of: r, as: Vector.self)
    }

    @inline(__always)
    private func wide(_ base: UnsafePointer<Float>, filters: UnsafePointer<Float>, epilogue: Epilogue,
                      into dst: UnsafeMutablePointer<Float>, channelStride: Int) {
        var a0 = Vector(), a1 = Vector(), a2 = Vector()
        var b0 = Vector(), b1 = Vector(), b2 = Vector()
        var c0 = Vector(), c1 = Vector(), c2 = Vector()
        var d0 = Vector(), d1 = Vector(), d2 = Vector()
        var w = filters
        for t in 0..<taps {
            let p = base + offsets[t]
            let v0 = load(p, 0), v1 = load(p, 1), v2 = load(p, 2)
            let wa = Vector(repeating: w[0])
            a0.addProduct(v0, wa); a1.addProduct(v1, wa); a2.addProduct(v2, wa)
            let wb = Vector(repeating: w[1])
            b0.addProduct(v0, wb); b1.addProduct(v1, wb); b2.addProduct(v2, wb)
            let wc = Vector(repeating: w[2])
            c0.addProduct(v0, wc); c1.addProduct(v1, wc); c2.addProduct(v2, wc)
            let wd = Vector(repeating: w[3])
            d0.addProduct(v0, wd); d1.addProduct(v1, wd); d2.addProduct(v2, wd)
            w += 4
        }
        let lanes = DirectConvolution.lanes
        store(a0, channel: 0, epilogue, dst, channelStride)
        store(a1, channel: 0, epilogue, dst + lanes, channelStride)
        store(a2, channel: 0, epilogue, dst + 2 * lanes, channelStride)
        store(b0, channel: 1, epilogue, dst, channelStride)
        store(b1, channel: 1, epilogue, dst + lanes, channelStride)
        store(b2, channel: 1, epilogue, dst + 2 * lanes, channelStride)
        store(c0, channel: 2, epilogue, dst, channelStride)
        store(c1, channel: 2, epilogue, dst + lanes, channelStride)
        store(c2, channel: 2, epilogue, dst + 2 * lanes, channelStride)
        store(d0, channel: 3, epilogue, dst, channelStride)
        store(d1, channel: 3, epilogue, dst + lanes, channelStride)
        store(d2, channel: 3, epilogue, dst + 2 * lanes, channelStride)
    }

    /// 4 or 5 channels (`channels`, a constant where this is inlined) × 8 positions.
    @inline(__always)
    private func narrow(_ base: UnsafePointer<Float>, channels: Int, filters: UnsafePointer<Float>, epilogue: Epilogue,
                        into dst: UnsafeMutablePointer<Float>, channelStride: Int) {
        var a = Vector(), b = Vector(), c = Vector(), d = Vector(), e = Vector()
        var w = filters
        for t in 0..<taps {
            let v = load(base + offsets[t], 0)
            a.addProduct(v, Vector(repeating: w[0]))
            b.addProduct(v, Vector(repeating: w[1]))
            c.addProduct(v, Vector(repeating: w[2]))
            d.addProduct(v, Vector(repeating: w[3]))
            if channels == 5 { e.addProduct(v, Vector(repeating: w[4])) }
            w += channels
        }
        store(a, channel: 0, epilogue, dst, channelStride)
        store(b, channel: 1, epilogue, dst, channelStride)
        store(c, channel: 2, epilogue, dst, channelStride)
        store(d, channel: 3, epilogue, dst, channelStride)
        if channels == 5 { store(e, channel: 4, epilogue, dst, channelStride) }
    }

    @inline(__always)
    private func wideFive(_ base: UnsafePointer<Float>, filters: UnsafePointer<Float>, epilogue: Epilogue,
                          into dst: UnsafeMutablePointer<Float>, channelStride: Int) {
        var a0 = Vector(), a1 = Vector(), b0 = Vector(), b1 = Vector(), c0 = Vector(), c1 = Vector()
        var d0 = Vector(), d1 = Vector(), e0 = Vector(), e1 = Vector()
        var w = filters
        for t in 0..<taps {
            let p = base + offsets[t]
            let v0 = load(p, 0), v1 = load(p, 1)
            let wa = Vector(repeating: w[0])
            a0.addProduct(v0, wa); a1.addProduct(v1, wa)
            let wb = Vector(repeating: w[1])
            b0.addProduct(v0, wb); b1.addProduct(v1, wb)
            let wc = Vector(repeating: w[2])
            c0.addProduct(v0, wc); c1.addProduct(v1, wc)
            let wd = Vector(repeating: w[3])
            d0.addProduct(v0, wd); d1.addProduct(v1, wd)
            let we = Vector(repeating: w[4])
            e0.addProduct(v0, we); e1.addProduct(v1, we)
            w += 5
        }
        let lanes = DirectConvolution.lanes
        store(a0, channel: 0, epilogue, dst, channelStride)
        store(a1, channel: 0, epilogue, dst + lanes, channelStride)
        store(b0, channel: 1, epilogue, dst, channelStride)
        store(b1, channel: 1, epilogue, dst + lanes, channelStride)
        store(c0, channel: 2, epilogue, dst, channelStride)
        store(c1, channel: 2, epilogue, dst + lanes, channelStride)
        store(d0, channel: 3, epilogue, dst, channelStride)
        store(d1, channel: 3, epilogue, dst + lanes, channelStride)
        store(e0, channel: 4, epilogue, dst, channelStride)
        store(e1, channel: 4, epilogue, dst + lanes, channelStride)
    }
}
