import LeptonLab

/// Each CLAIMS.md id's sentence in the source document (original Chinese, verbatim from
/// `../shared/seeds/NNN_*.txt`; `SourceQuotesTests` finds every one there, whitespace
/// ignored), and why the ids that no experiment checks get no verdict.
public enum SourceQuotes {
    /// The original sentence per id.
    public static let quotes: [String: SourceQuote] = [
        // 000 — edge/cloud "full-scenario" architecture
        "000-C1": SourceQuote("§3.1", "在边缘节点对数据进行实时处理和分析，减少数据传输延迟，提高处理效率。"),
        "000-C2": SourceQuote("§1.2", "在边缘节点进行轻量级模型训练，优化模型参数，减少数据传输和计算负担。"),
        "000-C3": SourceQuote("§1.3", "利用边缘计算和云计算的优势，有效降低数据传输和存储成本。"),
        "000-C5": SourceQuote("§3.2", "选择合适的轻量级模型，如MobileNet、SqueezeNet等，进行训练。"),
        "000-C6": SourceQuote("§4.2", #"设数据处理函数 $f$ 为 $f(x) = a \cdot x + b$，其中 $a, b$ 为可调参数。"#),
        "000-C7": SourceQuote("§4.1", #"其中 $\eta$ 为学习率，$L(M, D)$ 为损失函数，通常为交叉熵损失。"#),
        "000-C8": SourceQuote("§4.2", #"M = M - \eta \frac{1}{N} \sum_{i=1}^N (y_i - M(x_i)) \nabla_{M} M(x_i)"#),
        "000-C9": SourceQuote("§4.2", #"设决策模型 $M$ 为线性分类器 $M(x) = w_0 + w_1 x_1 + w_2 x_2 + \ldots + w_n x_n$"#),
        "000-C10": SourceQuote("§4.3", "可以在边缘节点利用小样本数据进行训练，优化模型参数，然后将其部署到云平台进行大规模训练和验证。这样可以大大缩短模型训练时间，提升模型效果。"),
        "000-C11": SourceQuote("§5.2", "for label in self.labels:"),
        "000-C12": SourceQuote("§5.2", "history = model.fit(train_dataset, epochs=epochs, batch_size=batch_size, validation_data=val_dataset)"),
        "000-C13": SourceQuote("§5.2", "layers.Conv2D(32, (3, 3), activation='relu', input_shape=(128, 128, 3)),"),
        "000-C15": SourceQuote("§5.2", "cloud_model = load_model_from_edge(model_path)"),
        "000-C16": SourceQuote("§5.2", "给出使用TensorFlow进行模型边缘化训练和智能决策云平台的PyTorch代码实现。"),
        "000-C18": SourceQuote("§9", "使用模型压缩技术，如量化、剪枝等，减小模型参数量，降低计算资源需求。"),
        "000-C19": SourceQuote("§9", "将模型训练任务分散到多个边缘节点和云平台节点，提升训练效率。"),
        "000-C20": SourceQuote("§1.2", "实现边缘计算与云计算的动态平衡，确保数据处理和模型训练的高效协同。"),
        // 001 — edge preprocessing, cloud inference
        "001-C1": SourceQuote("§3.3", "**低延迟**：通过在边缘设备上实时推理，降低数据处理延迟。"),
        "001-C2": SourceQuote("§2.1", "**高带宽**：边缘设备通常具有较高的数据传输带宽，可以快速传输大量数据。"),
        "001-C3": SourceQuote("§5.3", "最后使用`cv2.resize`调整图像尺寸，并转换为浮点数并归一化。"),
        "001-C4": SourceQuote("§4.3", "2. 对图像进行滤波，使用拉普拉斯滤波器增强边缘信息。"),
        "001-C5": SourceQuote("§3.2", "2. 对原始数据进行去噪和滤波处理，提高数据质量。"),
        "001-C6": SourceQuote("§5.3", "该函数将预处理后的图像转换为JSON格式，并通过HTTP POST请求将图像数据发送到云端服务器。"),
        "001-C7": SourceQuote("§5.2", #"model = load_model("cat_dog_model.h5")"#),
        "001-C8": SourceQuote("§5.4", #"分类结果： {"result": "cat"}"#),
        "001-C9": SourceQuote("§5.4", "* Debugger is active!"),
        "001-C11": SourceQuote("§3.2", "2. 将压缩后的模型下载到边缘设备上。"),
        "001-C12": SourceQuote("§3.1", "**模型压缩**：将训练好的模型进行压缩，减小模型大小，便于在边缘设备上部署。"),
        "001-C13": SourceQuote("§3.1", "**数据整合**：将边缘设备上传的数据与云端数据进行整合，形成大规模训练数据集。"),
        "001-C14": SourceQuote("§4.1.2", #"$$\theta = \theta - \alpha \frac{\partial J}{\partial \theta}$$"#),
        "001-C15": SourceQuote("§4.2.1", "这意味着去噪后的数据$y$的概率密度函数$p(y)$与原始数据的概率密度函数$p(x)$相同。"),
        "001-C16": SourceQuote("§4.3.4", "1. 将测试数据集分为训练集和验证集。"),
        // 002 — cloud training, compressed model on the edge
        "002-C1": SourceQuote("§1", "从而降低网络负载、减少数据传输延迟，提高数据处理效率。"),
        "002-C2": SourceQuote("§4.3", "假设我们有一个包含1000张图像的数据集，模型需要进行分类任务。"),
        "002-C3": SourceQuote("§8.1", "模型压缩和优化技术将成为研究热点，如量化、剪枝、蒸馏等技术。"),
        "002-C4": SourceQuote("§4.3", "通过以上步骤，Lepton AI实现了云计算与边缘计算的融合，提高了图像识别任务的实时性和准确性。"),
        "002-C5": SourceQuote("§4.2", #"$$\text{损失函数} = \frac{1}{2} \sum_{i=1}^{n} (\hat{y}_{i} - y_{i})^{2}$$"#),
        "002-C6": SourceQuote("§5.2", "以下是一个简单的基于边缘计算框架TensorFlow Lite的图像识别项目代码示例："),
        "002-C7": SourceQuote("§5.3", "将图像数据进行归一化处理，使其在[0, 1]范围内。"),
        "002-C8": SourceQuote("§5.3", "这是为了使模型输入数据具有统一的分布，提高模型的性能。"),
        "002-C9": SourceQuote("§3.1", "边缘节点对采集到的数据实时进行数据处理和预测，并将结果反馈给云计算中心。"),
        // 003 — scheduling across edge and cloud, and an MNIST CNN
        "003-C1": SourceQuote("§1", "而云AI则存在延迟和网络带宽瓶颈，无法满足实时性和低延迟需求。"),
        "003-C2": SourceQuote("§4.2", #"P_i = w_1 \cdot A_i + w_2 \cdot B_i + w_3 \cdot C_i"#),
        "003-C3": SourceQuote("§4.3", "根据任务优先级模型，可以计算出每个任务的优先级："),
        "003-C4": SourceQuote("§4.3", "根据资源负载模型，可以计算出每个设备的负载情况："),
        "003-C5": SourceQuote("§4.3", "根据数据传输模型，可以计算出数据传输时间："),
        "003-C6": SourceQuote("§4.3", "1. **任务1**：分配给设备1，因为设备1的负载情况最低，且任务优先级较高。"),
        "003-C7": SourceQuote("§4.3", "根据任务分配策略，可以计算出任务执行结果："),
        "003-C8": SourceQuote("§4.3", "可以看出Lepton AI的算法在任务优先级、资源负载和数据传输方面都取得了较好的效果"),
        "003-C9": SourceQuote("§4.1", #"L_j = \frac{C_j \cdot R_j}{T_j}"#),
        "003-C10": SourceQuote("§5.2", "train_data, test_data = tf.split(data, [20000, 10000], axis=0)"),
        "003-C11": SourceQuote("§5.2", "labels = to_categorical(np.argmax(data[:, -1], axis=1))"),
        "003-C12": SourceQuote("§5.2", "Conv2D(32, kernel_size=(3, 3), activation='relu', input_shape=input_shape),"),
        "003-C13": SourceQuote("§5.3", "模型包括两个卷积层、一个全连接层和一个输出层。"),
        "003-C14": SourceQuote("§5.4", "20000/20000 [==============================] - 15s 750ms/step"),
        "003-C15": SourceQuote("§5.4", "- 15s 750ms/step - loss: 0.1098"),
        "003-C16": SourceQuote("§5.4", "Epoch 10/10"),
        "003-C17": SourceQuote("§5.4", "loss: 0.0553 - accuracy: 0.9805 - val_loss: 0.0552 - val_accuracy: 0.9862"),
        "003-C18": SourceQuote("§5.4", "Test loss: 0.0552"),
        "003-C19": SourceQuote("§5.4", "最终在测试集上取得了较高的准确率（98.62%）。"),
        "003-C20": SourceQuote("§5.5", "1. **增加训练数据**：增加训练数据可以提高模型的泛化能力，减少过拟合现象。"),
        "003-C21": SourceQuote("§5.3", "为了防止过拟合，我们引入了EarlyStopping回调函数，在验证集损失不再下降时提前终止训练。"),
        "003-C22": SourceQuote("§5.3", "通过上述步骤，我们可以看到Lepton AI的核心功能是如何通过代码实现的。"),
        // 004 — cloud platform, data federation, sensor regression
        "004-C1": SourceQuote("§9", "4. 联邦学习：通过联邦学习技术，在本地设备上进行模型训练，避免数据集中存储和处理。"),
        "004-C2": SourceQuote("§9", "3. 差分隐私：通过差分隐私技术，对数据进行隐私保护处理，确保数据的匿名性和隐私性。"),
        "004-C3": SourceQuote("§9", "6. 隐私保护算法：采用隐私保护算法，如LSTM、GAN等，保护数据隐私和安全性。"),
        "004-C5": SourceQuote("§3.3", "**数据共享**：通过大数据技术的分布式存储和数据联邦机制，实现数据的跨平台、跨域、跨时域共享，打破数据孤岛。"),
        "004-C6": SourceQuote("§9", "4. 缓存机制：通过缓存机制，将常用数据和模型结果缓存起来，加快数据的读取和模型的推理速度。"),
        "004-C7": SourceQuote("§9", "4. 混合云架构：通过混合云架构，将部分计算任务放在云计算平台上，部分放在边缘设备上，降低总体计算资源成本。"),
        "004-C8": SourceQuote("§5.2", "tf.keras.layers.Dense(64, activation='relu', input_shape=(preprocessed_data.shape[1],)),"),
        "004-C9": SourceQuote("§5.2", "predictions = predict_model(model, test_data)"),
        "004-C14": SourceQuote("§5.2", "model = tf.keras.models.load_model('model.h5')"),
    ]

    /// Why an id that no claim cites gets no verdict: a contradiction read off the text, a
    /// listing that needs a framework Lepton does not run, or a study not built yet.
    public static let uncheckable: [String: String] = [
        "000-C7": "a contradiction read off the text (§4.1 names cross-entropy, §4.2 derives the MSE of a linear regression); nothing to compute",
        "000-C12": "running the listing needs TensorFlow/Keras, which Lepton does not run; by reading, model.fit receives a plain Python object with "
            + "folder-name string labels and no one-hot encoding, so it cannot train as printed",
        "000-C16": "a contradiction read off the text: every listing of §5 imports tensorflow and none imports torch, although §5.2 says the cloud part uses PyTorch",
        "000-C19": "not built yet: wall time to a target accuracy against the number of training nodes needs a distributed-training study",
        "001-C4": "a contradiction read off the text: §5.2's code computes a Laplacian of a blurred image (it detects edges, it does not enhance them) and no hash features",
        "001-C6": "001 §5.2 only says the image is sent as JSON and states no size, so there is nothing to reproduce; edge-vs-cloud's check measures the payload "
            + "(JSON of a preprocessed 224×224×3 image against its raw uint8 bytes)",
        "001-C7": "running server.py needs Flask, TensorFlow and the missing cat_dog_model.h5; by reading, server.py never imports numpy or load_model, "
            + "so the first POST raises NameError",
        "001-C8": "a reading of Python, no computation: print(\"分类结果：\", result) of a dict prints {'result': 'cat'} with single quotes, "
            + "not the JSON text shown",
        "001-C9": "needs Flask to run; by reading, app.run(port=5000) without debug=True prints neither 'Restarting with stat' nor 'Debugger is active!'",
        "001-C11": "a contradiction read off the text (§2.3/§3 deploy the compressed model to the edge; §5.2 runs the model in the cloud); nothing to compute",
        "001-C16": "not built yet: accuracy on a split of the test set (as §4.3.4 prints) against a truly held-out set",
        "002-C2": "not built yet: transfer learning needs a pre-trained backbone, and Lepton ships no pre-trained weights",
        "002-C4": "not built yet: edge-compression measures the compressed model's latency and accuracy, but not against the full model served in the cloud",
        "002-C6": "a contradiction read off the text: the 'TensorFlow Lite' listing loads a Keras .h5 with tf.keras.models.load_model and uses no TFLite interpreter",
        "003-C22": "a contradiction read off the text: §5's code is an MNIST classifier and implements none of §4's scheduling models",
        "004-C2": "not built yet: DP-SGD at several ε and a membership-inference attack",
        "004-C3": "not built yet: the membership-inference advantage of a model trained without differential privacy",
        "004-C6": "not built yet: response time with and without a result cache, asynchronous against synchronous serving, and pruning",
        "004-C7": "004 gives no cost figures to model, and distributed training is not built yet",
        "004-C9": "running the listing needs TensorFlow; by reading, collect_data and preprocess_data return None (`pass`) and labels, model and test_data are "
            + "undefined, so train_model fails at preprocessed_data.shape",
    ]
}
