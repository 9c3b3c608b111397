import LeptonTensor

extension ConvGeometry {
    /// The geometry of one `inputShape` sample (height × width × channels) under a sliding
    /// `window` — a convolution's kernel or a pool — or the error that names the layer:
    /// samples that are not images ("`type` needs height×width×channels samples") or a window
    /// larger than the input ("the 3×3 `windowName` is larger than the 2×2 input …", with
    /// `tooLargeHint`).
    static func checked(_ inputShape: [Int], window: (Int, Int), stride: (Int, Int), padding: Padding,
                        layer: String, index: Int, type: String, windowName: String,
                        tooLargeHint: String) throws(NNError) -> ConvGeometry {
        guard inputShape.count == 3 else {
            throw .layerShape(index: index, layer: layer, input: inputShape,
                              problem: "\(type) needs height×width×channels samples",
                              hint: "Put \(type) before Flatten, on image data.")
        }
        let g = ConvGeometry(batch: 1, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: window, stride: stride, padding: padding)
        guard g.outHeight > 0, g.outWidth > 0 else {
            throw .layerShape(index: index, layer: layer, input: inputShape,
                              problem: "the \(window.0)×\(window.1) \(windowName) is larger than the "
                                + "\(inputShape[0])×\(inputShape[1]) input (output would be \(g.outHeight)×\(g.outWidth))",
                              hint: tooLargeHint)
        }
        return g
    }
}
