/// `eˣ` for eight floats at once: the argument split as `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2`, `eʳ` by its
/// Taylor polynomial to degree 7 (truncation under 1e-8 relative), and `2ⁿ` put into the exponent bits.
/// Agrees with `Foundation.exp` to a few units in the last place; underflows to 0 below −87.3 and saturates
/// at `Float.greatestFiniteMagnitude`'s neighbourhood above 88.7.
enum VectorExponential {
    typealias Vector = SIMD8<Float>

    @inline(__always)
    static func exp(_ x: Vector) -> Vector {
        let low = Vector(repeating: -87.3), high = Vector(repeating: 88.7)
        var clamped = x.replacing(with: low, where: x .< low)
        clamped = clamped.replacing(with: high, where: clamped .> high)
        // Adding 1.5·2²³ rounds to an integer held in the low mantissa bits (|n| ≤ 128).
        let shifter = Vector(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + shifter
        let n = shifted - shifter
        // ln 2 in two parts, the first exact in float, so that r keeps its low bits.
        var r = clamped - n * 0.693_145_75
        r = r - n * 1.428_606_8e-6
        var p = Vector(repeating: 1 / 5040)
        p = p * r + 1 / 720
        p = p * r + 1 / 120
        p = p * r + 1 / 24
        p = p * r + 1 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(shifter, to: SIMD8<Int32>.self)
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Vector.self)
        return (p * scale).replacing(with: Vector(), where: x .< low)
    }

    /// Replaces each of `count` values with its exponential.
    static func exponentiate(_ values: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(values + i).loadUnaligned(as: Vector.self)
            UnsafeMutableRawPointer(values + i).storeBytes(of: exp(v), as: Vector.self)
            i += 8
        }
        if i < count {
            var tail = Vector()
            for k in 0..<(count - i) { tail[k] = values[i + k] }
            let e = exp(tail)
            for k in 0..<(count - i) { values[i + k] = e[k] }
        }
    }
}
