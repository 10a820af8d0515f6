#!/usr/bin/python3
"""Writes the Keras test files of tests/Analysis.Tests/Xai/Keras and their reference predictions.

TensorFlow is not available here, so the files are written with h5py (Debian python3-h5py) exactly in the layout
Keras 2's HDF5 saving uses (tf.keras hdf5_format.save_model_to_hdf5 / save_weights_to_hdf5_group):

  full model (model.save('m.h5')):
    /                    attrs keras_version (str), backend (str), model_config (JSON, utf-8 bytes)
    /model_weights       attrs layer_names (bytes array), backend, keras_version (bytes)
    /model_weights/L     attrs weight_names (bytes array: 'L/kernel:0', 'L/bias:0', ...; an empty float array when none)
    /model_weights/L/L/kernel:0 ...   float32 datasets (a weight name with '/' makes nested groups)
  weights only (model.save_weights('w.h5')): the /model_weights layout at the root, no model_config.

Reference outputs come from a NumPy float64 forward pass of the same (float32) weights on an input every test can
compute again: x[i] = (i * 7919 % 1009) / 1009 - 0.25 in float32, i the C-order index of the channels-last input.

Usage: /usr/bin/python3 make_keras_files.py   (writes next to this script; deterministic)
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20240917)


def test_input(shape):
    count = int(np.prod(shape))
    i = np.arange(count, dtype=np.int64)
    return ((i * 7919 % 1009) / 1009.0 - 0.25).astype(np.float32).reshape(shape)


# ---- float64 reference layers (channels-last, batch 1 dropped) ------------------------------------------------------

def same_pads(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def pad_spatial(x, kernel, stride, padding, value):
    if padding == "valid":
        return x
    pads = [same_pads(x.shape[a], kernel[a], stride[a]) for a in range(len(kernel))] + [(0, 0)]
    return np.pad(x, pads, constant_values=value)


def windows(x, kernel, stride):
    """Every window of x (spatial..., C) as an array [out..., k..., C]."""
    rank = len(kernel)
    out = [(x.shape[a] - kernel[a]) // stride[a] + 1 for a in range(rank)]
    view = np.lib.stride_tricks.sliding_window_view(x, kernel, axis=tuple(range(rank)))  # out'..., C, k...
    view = view[tuple(slice(None, None, stride[a]) for a in range(rank))]
    view = view[tuple(slice(0, out[a]) for a in range(rank))]
    return np.moveaxis(view, rank, -1)  # out..., k..., C


def conv(x, kernel, bias, strides, padding):
    k = kernel.shape[:-2]
    xp = pad_spatial(x, k, strides, padding, 0.0)
    w = windows(xp, k, strides)
    rank = len(k)
    y = np.tensordot(w, kernel.astype(np.float64), axes=(list(range(rank, 2 * rank + 1)), list(range(rank + 1))))
    return y + bias if bias is not None else y


def max_pool(x, size, strides, padding):
    return windows(pad_spatial(x, size, strides, padding, -np.inf), size, strides).max(axis=tuple(range(len(size), 2 * len(size))))


def average_pool(x, size, strides, padding):
    # TensorFlow's 'same' average counts only the real inputs of a window.
    rank = len(size)
    sums = windows(pad_spatial(x, size, strides, padding, 0.0), size, strides).sum(axis=tuple(range(rank, 2 * rank)))
    ones = np.ones(x.shape[:-1] + (1,))
    counts = windows(pad_spatial(ones, size, strides, padding, 0.0), size, strides).sum(axis=tuple(range(rank, 2 * rank)))
    return sums / counts


def batch_norm(x, gamma, beta, mean, variance, epsilon):
    return gamma * (x - mean) / np.sqrt(variance + epsilon) + beta


def activation(x, name, alpha=0.2):
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "leaky_relu":
        return np.where(x >= 0, x, alpha * x)
    assert name == "linear", name
    return x


# ---- model description -> config, weights, forward ---------------------------------------------------------------

COMMON = {"trainable": True, "dtype": "float32"}
INIT = {"kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}


class Net:
    """Builds a model layer by layer: the Keras config, the weights and the float64 forward."""

    def __init__(self, name, input_shape):
        self.name = name
        self.input_shape = list(input_shape)
        self.shape = list(input_shape)
        self.layers = []  # (config, weights [(name, array)], forward)
        self.counts = {}

    def _name(self, base):
        n = self.counts.get(base, 0)
        self.counts[base] = n + 1
        return base if n == 0 else f"{base}_{n}"

    def add(self, class_name, base, config, weights, forward, shape):
        name = self._name(base)
        self.layers.append(({"class_name": class_name, "config": {"name": name, **COMMON, **config}}, name,
                            [(f"{name}/{w}:0", v) for w, v in weights], forward))
        self.shape = shape

    def conv(self, filters, kernel, padding="same", strides=1, activation_name="relu", use_bias=True, rank=3):
        kernel, strides = [kernel] * rank, [strides] * rank
        channels = self.shape[-1]
        fan_in = channels * int(np.prod(kernel))
        w = (RNG.standard_normal(kernel + [channels, filters]) * np.sqrt(2.0 / fan_in)).astype(np.float32)
        b = (RNG.standard_normal(filters) * 0.05).astype(np.float32) if use_bias else None
        out = [(-(-s // st) if padding == "same" else (s - k) // st + 1) for s, k, st in zip(self.shape[:-1], kernel, strides)]
        self.add(f"Conv{rank}D", f"conv{rank}d", {"filters": filters, "kernel_size": kernel, "strides": strides, "padding": padding,
                 "data_format": "channels_last", "dilation_rate": [1] * rank, "groups": 1, "activation": activation_name,
                 "use_bias": use_bias, **INIT},
                 [("kernel", w)] + ([("bias", b)] if use_bias else []),
                 lambda x: activation(conv(x, w, b, strides, padding), activation_name), out + [filters])

    def pool(self, kind, size, strides=None, padding="valid", rank=3):
        size = [size] * rank
        strides = [strides or size[0]] * rank
        out = [(-(-s // st) if padding == "same" else (s - k) // st + 1) for s, k, st in zip(self.shape[:-1], size, strides)]
        forward = (lambda x: max_pool(x, size, strides, padding)) if kind == "Max" else (lambda x: average_pool(x, size, strides, padding))
        self.add(f"{kind}Pooling{rank}D", f"{kind.lower()}_pooling{rank}d",
                 {"pool_size": size, "padding": padding, "strides": strides, "data_format": "channels_last"}, [], forward, out + [self.shape[-1]])

    def batch_norm(self, center=True, scale=True, epsilon=1e-3):
        c = self.shape[-1]
        gamma = RNG.uniform(0.5, 1.5, c).astype(np.float32)
        beta = (RNG.standard_normal(c) * 0.1).astype(np.float32)
        mean = (RNG.standard_normal(c) * 0.1).astype(np.float32)
        var = RNG.uniform(0.5, 1.5, c).astype(np.float32)
        weights = ([("gamma", gamma)] if scale else []) + ([("beta", beta)] if center else []) + [("moving_mean", mean), ("moving_variance", var)]
        g = gamma if scale else np.ones(c, np.float32)
        bt = beta if center else np.zeros(c, np.float32)
        self.add("BatchNormalization", "batch_normalization",
                 {"axis": [len(self.shape)], "momentum": 0.99, "epsilon": epsilon, "center": center, "scale": scale,
                  "beta_initializer": {"class_name": "Zeros", "config": {}}, "gamma_initializer": {"class_name": "Ones", "config": {}},
                  "moving_mean_initializer": {"class_name": "Zeros", "config": {}}, "moving_variance_initializer": {"class_name": "Ones", "config": {}},
                  "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None},
                 weights, lambda x: batch_norm(x, g, bt, mean, var, epsilon), self.shape)

    def activation(self, name):
        self.add("Activation", "activation", {"activation": name}, [], lambda x: activation(x, name), self.shape)

    def relu_layer(self):
        self.add("ReLU", "re_lu", {"max_value": None, "negative_slope": 0.0, "threshold": 0.0}, [], lambda x: np.maximum(x, 0.0), self.shape)

    def leaky_relu(self, alpha):
        self.add("LeakyReLU", "leaky_re_lu", {"alpha": alpha}, [], lambda x: activation(x, "leaky_relu", alpha), self.shape)

    def flatten(self):
        self.add("Flatten", "flatten", {"data_format": "channels_last"}, [], lambda x: x.reshape(-1), [int(np.prod(self.shape))])

    def global_average(self, rank=3):
        self.add(f"GlobalAveragePooling{rank}D", f"global_average_pooling{rank}d", {"data_format": "channels_last", "keepdims": False}, [],
                 lambda x: x.reshape(-1, x.shape[-1]).mean(axis=0), [self.shape[-1]])

    def dropout(self, rate=0.5):
        self.add("Dropout", "dropout", {"rate": rate, "noise_shape": None, "seed": None}, [], lambda x: x, self.shape)

    def dense(self, units, activation_name="linear", bias_mean=0.0):
        inputs = self.shape[0]
        w = (RNG.standard_normal((inputs, units)) * np.sqrt(2.0 / inputs)).astype(np.float32)
        b = (bias_mean + RNG.standard_normal(units) * 0.05).astype(np.float32)
        self.add("Dense", "dense", {"units": units, "activation": activation_name, "use_bias": True, **INIT},
                 [("kernel", w), ("bias", b)], lambda x: activation(x @ w.astype(np.float64) + b, activation_name), [units])

    def forward(self, x):
        y = x.astype(np.float64)
        for _, _, _, f in self.layers:
            y = f(y)
        return y

    # ---- Keras configs ----

    def input_layer(self, name):
        return {"class_name": "InputLayer", "config": {"batch_input_shape": [None] + self.input_shape, "dtype": "float32",
                                                        "sparse": False, "ragged": False, "name": name}}

    def sequential_config(self):
        layers = [self.input_layer(f"{self.layers[0][1]}_input")] + [c for c, _, _, _ in self.layers]
        return {"class_name": "Sequential", "config": {"name": self.name, "layers": layers}, "keras_version": "2.10.0", "backend": "tensorflow"}

    def functional_config(self):
        layers = [{**self.input_layer("input_1"), "name": "input_1", "inbound_nodes": []}]
        previous = "input_1"
        for config, name, _, _ in self.layers:
            layers.append({**config, "name": name, "inbound_nodes": [[[previous, 0, 0, {}]]]})
            previous = name
        return {"class_name": "Functional", "config": {"name": self.name, "layers": layers, "input_layers": [["input_1", 0, 0]],
                "output_layers": [[previous, 0, 0]]}, "keras_version": "2.10.0", "backend": "tensorflow"}


def string_array(values):
    return np.array([v.encode("utf8") for v in values]) if values else np.array([])


def write_weights(group, net, with_input_layer):
    names = (["input_1"] if with_input_layer else []) + [name for _, name, _, _ in net.layers]
    group.attrs["layer_names"] = string_array(names)
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.10.0"
    weights = {name: ws for _, name, ws, _ in net.layers}
    for name in sorted(names):
        g = group.create_group(name)
        ws = weights.get(name, [])
        g.attrs["weight_names"] = string_array([w for w, _ in ws])
        for w, value in ws:
            g.create_dataset(w, data=value)


def write_model(path, net, functional, fixed_length_config=False):
    """fixed_length_config: the model_config as a fixed-length string, as h5py 2 (Keras 2.2, TF 1.x) wrote it; h5py 3 writes
    bytes as variable-length strings."""
    config = net.functional_config() if functional else net.sequential_config()
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.10.0"
        f.attrs["backend"] = "tensorflow"
        text = json.dumps(config).encode("utf8")
        if fixed_length_config:
            f.attrs.create("model_config", text, dtype=h5py.string_dtype("ascii", len(text)))
        else:
            f.attrs["model_config"] = text
        f.attrs["training_config"] = json.dumps({"loss": "mse", "metrics": ["mae"]}).encode("utf8")
        write_weights(f.create_group("model_weights"), net, with_input_layer=functional)


def write_weights_only(path, net):
    with h5py.File(path, "w") as f:
        write_weights(f, net, with_input_layer=False)


# ---- the test models -----------------------------------------------------------------------------------------------

def mrinet(name, input_shape, leaky=False):
    """xai4mri's MRInet (Conv3D 16-16-32-64 3³ and 32 1³, SAME, max pools 3³/2 SAME; Flatten, Dropout, Dense 64, Dense 1)."""
    net = Net(name, list(input_shape) + [1])
    act = "linear" if leaky else "relu"
    for filters, kernel in [(16, 3), (16, 3), (32, 3), (64, 3), (32, 1)]:
        net.conv(filters, kernel, "same", activation_name=act)
        if leaky:
            net.leaky_relu(0.2)
        net.pool("Max", 3, 2, "same")
    net.flatten()
    net.dropout(0.5)
    net.dense(64, act)
    if leaky:
        net.leaky_relu(0.2)
    net.dense(1, "linear", bias_mean=50.0)
    return net


def conv6(name):
    """Conv(k6) → ReLU → MaxPool(2) → BatchNorm blocks, a strided SAME conv, average pooling, GAP, dense layers."""
    net = Net(name, [23, 26, 21, 1])
    net.conv(4, 6, "same", activation_name="relu")
    net.pool("Max", 2)
    net.batch_norm()
    net.conv(8, 6, "same", activation_name="linear")
    net.activation("relu")
    net.pool("Max", 2)
    net.batch_norm(center=False)
    net.conv(8, 3, "same", strides=2, activation_name="linear")
    net.relu_layer()
    net.pool("Average", 2, padding="same")
    net.batch_norm(scale=False)
    net.global_average()
    net.dense(16, "relu")
    net.dropout(0.2)
    net.dense(1, "linear", bias_mean=40.0)
    return net


def conv2d(name):
    net = Net(name, [12, 14, 2])
    net.conv(3, 3, "same", activation_name="relu", rank=2)
    net.pool("Max", 2, rank=2)
    net.conv(4, 3, "valid", activation_name="linear", use_bias=False, rank=2)
    net.leaky_relu(0.3)
    net.flatten()
    net.dense(1, "linear", bias_mean=1.0)
    return net


def architecture_toml(net):
    """The TOML architecture `import-keras --architecture` takes for a weights-only file of this model."""
    lines = ["# The architecture of conv6_weights.h5 (a weights-only Keras file), for `model import-keras --architecture`.",
             f"input_shape = {net.input_shape}", ""]
    for config, name, _, _ in net.layers:
        c = config["config"]
        lines += ["[[layers]]", f'class_name = "{config["class_name"]}"', f'name = "{name}"']
        for key in ["filters", "kernel_size", "strides", "padding", "activation", "use_bias", "pool_size", "epsilon", "center",
                    "scale", "units", "rate", "max_value", "negative_slope", "threshold"]:
            if key in c and c[key] is not None:
                v = c[key]
                lines.append(f"{key} = {json.dumps(v) if not isinstance(v, bool) else str(v).lower()}")
        lines.append("")
    return "\n".join(lines)


def write_malformed(net):
    """Copies of the Conv2D model that the importer must refuse, each with one defect."""
    def with_config(file, change):
        config = json.loads(json.dumps(net.sequential_config()))  # a copy: the net's layer configs stay as they are
        change(config["config"]["layers"])
        with h5py.File(os.path.join(HERE, file), "w") as f:
            f.attrs["keras_version"] = "2.10.0"
            f.attrs["backend"] = "tensorflow"
            f.attrs["model_config"] = json.dumps(config).encode("utf8")
            write_weights(f.create_group("model_weights"), net, with_input_layer=False)

    def unknown(layers):
        layers[3]["class_name"] = "LocallyConnected2D"

    def channels_first(layers):
        layers[1]["config"]["data_format"] = "channels_first"

    def more_filters(layers):
        layers[1]["config"]["filters"] = 5

    with_config("malformed_unknown_layer.h5", unknown)
    with_config("malformed_channels_first.h5", channels_first)
    with_config("malformed_kernel_shape.h5", more_filters)


def main():
    models = {
        "mrinet.h5": (mrinet("mrinet", [20, 22, 18]), False),
        "mrinet_leaky_functional.h5": (mrinet("mrinet_leaky", [19, 17, 21], leaky=True), True),
        "conv6.h5": (conv6("conv6"), True),
        "conv2d.h5": (conv2d("conv2d"), False),
    }
    reference = {}
    for file, (net, functional) in models.items():
        write_model(os.path.join(HERE, file), net, functional, fixed_length_config=file == "conv2d.h5")
        x = test_input(net.input_shape)
        reference[file] = {"input_shape": net.input_shape, "prediction": net.forward(x).reshape(-1).tolist()}
    # The conv6 weights alone, and their architecture in TOML.
    net = models["conv6.h5"][0]
    write_weights_only(os.path.join(HERE, "conv6_weights.h5"), net)
    with open(os.path.join(HERE, "conv6_architecture.toml"), "w") as f:
        f.write(architecture_toml(net))
    reference["conv6_weights.h5"] = reference["conv6.h5"]
    write_malformed(models["conv2d.h5"][0])
    with open(os.path.join(HERE, "keras-reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
