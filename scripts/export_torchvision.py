#!/usr/bin/python3
"""Exports torchvision (and, when installed, pytorchvideo) networks with layer taps to TorchScript.

Each network is wrapped in a module whose forward returns a Dict[str, Tensor] keyed by layer name, scripted
(or, where scripting fails, traced with strict=False) and saved as OUT/<id>.pt next to its catalogue entry
OUT/<id>.json, whose layerShapes are measured by running the saved file on the declared input. DJL receives
the dict outputs by name but in no fixed order, so the catalogue's layer names are the contract.

Transformer layers are returned as feature maps of their patch tokens (class token dropped), channels
first, so that every layer, convolutional or not, can be pooled spatially the same way.

Run with Debian's python3 (python3-torch 1.13, python3-torchvision 0.14). --weights random needs no
network: networks get a seeded random initialisation and are labelled untrained. --weights pretrained
downloads torchvision's published weights (internet needed) into torch's hub cache.
"""

import argparse
import json
import os
import sys
from typing import Dict, List, Tuple

import numpy as np
import torch
from torch import Tensor, nn
import torchvision
from torchvision.models import video as tv_video

TORCHVISION_MODELS = ["r3d_18", "mc3_18", "r2plus1d_18", "s3d", "mvit_v1_b", "mvit_v2_s",
                      "alexnet", "resnet50", "vit_b_16"]
PYTORCHVIDEO_MODELS = ["slowfast_r50", "i3d_r50", "x3d_m"]

IMAGENET_MEAN = (0.485, 0.456, 0.406)
# torchvision's R3D-family and S3D weights were trained with (0.43216, 0.394666, 0.37645) ("kinetics"); its
# MViTs and pytorchvideo's models with (0.45, 0.45, 0.45) and std 0.225 ("kinetics-045").
KINETICS_MEAN = (0.43216, 0.394666, 0.37645)
KINETICS_045_MEAN = (0.45, 0.45, 0.45)


class StagedTaps(nn.Module):
    """Runs stages one after another and returns each stage's output, through a readout, by name."""

    def __init__(self, names: List[str], stages: List[nn.Module], readout: nn.Module):
        super().__init__()
        self.names = names
        self.stages = nn.ModuleList(stages)
        self.readout = readout

    def forward(self, x: Tensor) -> Dict[str, Tensor]:
        out: Dict[str, Tensor] = {}
        for i, stage in enumerate(self.stages):
            x = stage(x)
            out[self.names[i]] = self.readout(x)
        return out


class VitEmbedding(nn.Module):
    """ViT's input path up to its first encoder block: patches, class token, position embedding."""

    def __init__(self, vit: nn.Module):
        super().__init__()
        self.conv_proj = vit.conv_proj
        self.class_token = vit.class_token
        self.pos_embedding = vit.encoder.pos_embedding
        self.dropout = vit.encoder.dropout

    def forward(self, x: Tensor) -> Tensor:
        x = self.conv_proj(x)
        n, c = x.shape[0], x.shape[1]
        x = x.reshape(n, c, -1).permute(0, 2, 1)
        x = torch.cat([self.class_token.expand(n, -1, -1), x], dim=1)
        return self.dropout(x + self.pos_embedding)


class TokenGrid(nn.Module):
    """(N, 1 + H*W, C) tokens to an (N, C, H, W) map of the patch tokens."""

    def __init__(self, side: int):
        super().__init__()
        self.side = side

    def forward(self, x: Tensor) -> Tensor:
        n, c = x.shape[0], x.shape[2]
        return x[:, 1:, :].transpose(1, 2).reshape(n, c, self.side, self.side)


class MViTTaps(nn.Module):
    """MViT's forward, returning the last block of each stage as an (N, C, T, H, W) map of patch tokens."""

    def __init__(self, mvit: nn.Module, tap_names: List[str]):
        super().__init__()
        self.conv_proj = mvit.conv_proj
        self.pos_encoding = mvit.pos_encoding
        self.blocks = mvit.blocks
        self.tap_names = tap_names  # one per block, "" where the block is not tapped
        self.thw0: List[int] = [mvit.pos_encoding.temporal_size] + list(mvit.pos_encoding.spatial_size)

    def forward(self, x: Tensor) -> Dict[str, Tensor]:
        x = self.conv_proj(x)
        x = x.flatten(2).transpose(1, 2)
        x = self.pos_encoding(x)
        thw: Tuple[int, int, int] = (self.thw0[0], self.thw0[1], self.thw0[2])
        out: Dict[str, Tensor] = {}
        for i, block in enumerate(self.blocks):
            x, thw = block(x, thw)
            name = self.tap_names[i]
            if name != "":
                n, c = x.shape[0], x.shape[2]
                out[name] = x[:, 1:, :].transpose(1, 2).reshape(n, c, thw[0], thw[1], thw[2])
        return out


class PathwayTaps(nn.Module):
    """pytorchvideo's multi-pathway blocks (SlowFast): each stage's slow and fast outputs, by name."""

    def __init__(self, names: List[str], stages: List[nn.Module]):
        super().__init__()
        self.names = names
        self.stages = nn.ModuleList(stages)

    def forward(self, x: List[Tensor]) -> Dict[str, Tensor]:
        # one List[Tensor] argument, [slow, fast], as pytorchvideo's networks and the extractor pass them
        out: Dict[str, Tensor] = {}
        for i, stage in enumerate(self.stages):
            x = stage(x)
            out[self.names[i] + "_slow"] = x[0]
            out[self.names[i] + "_fast"] = x[1]
        return out


def family(modality, arch, pretraining, multiscale=False, streams="single"):
    return {"modality": modality, "arch": arch, "multiscale": multiscale, "supervision": "supervised",
            "streams": streams, "pretraining": pretraining}


def input_spec(layout, frames, size, crop, normalization, frame_stride=None, slow_fast=None, resize=None):
    spec = {"layout": layout, "frames": frames, "frameStride": frame_stride, "size": size, "crop": crop,
            "normalization": normalization, "slowFast": slow_fast}
    if resize:
        spec["resize"] = resize
    return spec


def normalization_of(transforms) -> str:
    mean = tuple(round(m, 5) for m in transforms.mean)
    if mean == IMAGENET_MEAN:
        return "imagenet"
    if mean == tuple(round(m, 5) for m in KINETICS_MEAN):
        return "kinetics"
    if mean == KINETICS_045_MEAN:
        return "kinetics-045"
    raise ValueError("unexpected normalisation mean %s" % (mean,))


def torchvision_network(name: str, pretrained: bool):
    """Returns (wrapper, input spec, family, layers) for one torchvision network."""
    weights_enum = torchvision.models.get_model_weights(name)
    weights = weights_enum.DEFAULT
    net = torchvision.models.get_model(name, weights=weights if pretrained else None).eval()
    transforms = weights.transforms()
    # torchvision's video weights resize to an exact 128x171 (or 256x256); the catalogue resizes the shorter
    # side, which is the same for 4:3 video and keeps the aspect ratio of any other
    size, crop = min(transforms.resize_size), transforms.crop_size[0]
    norm = normalization_of(transforms)
    if name in ("r3d_18", "mc3_18", "r2plus1d_18"):
        names = ["layer1", "layer2", "layer3", "layer4"]
        stages = [nn.Sequential(net.stem, net.layer1), net.layer2, net.layer3, net.layer4]
        return (StagedTaps(names, stages, nn.Identity()), input_spec("NCTHW", 16, size, crop, norm),
                family("video", "conv", "kinetics400"), names)
    if name == "s3d":
        f = net.features
        names = ["conv_2c", "mixed_3c", "mixed_4f", "mixed_5c"]
        stages = [f[0:4], f[4:7], f[7:13], f[13:16]]
        return (StagedTaps(names, stages, nn.Identity()), input_spec("NCTHW", 16, size, crop, norm),
                family("video", "conv", "kinetics400"), names)
    if name in ("mvit_v1_b", "mvit_v2_s"):
        frames = weights.meta["min_temporal_size"]
        tap_names, names = stage_ends(net, frames, crop)
        return (MViTTaps(net, tap_names), input_spec("NCTHW", frames, size, crop, norm),
                family("video", "transformer", "kinetics400", multiscale=True), names)
    if name == "alexnet":
        # The eight layers of the Algonauts 2021 devkit: each conv block after its ReLU (and pooling), each
        # fully connected layer after its ReLU, and the logits. The adaptive pooling is the identity at 224.
        f, c = net.features, net.classifier
        names = ["conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8"]
        stages = [f[0:3], f[3:6], f[6:8], f[8:10], f[10:13],
                  nn.Sequential(net.avgpool, nn.Flatten(1), c[0:3]), c[3:6], c[6]]
        # The devkit resizes frames straight to 224x224 rather than resizing and cropping.
        return (StagedTaps(names, stages, nn.Identity()), input_spec("NCHW", 16, crop, crop, norm, resize="exact"),
                family("image", "conv", "imagenet1k"), names)
    if name == "resnet50":
        names = ["layer1", "layer2", "layer3", "layer4"]
        stem = nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool)
        stages = [nn.Sequential(stem, net.layer1), net.layer2, net.layer3, net.layer4]
        return (StagedTaps(names, stages, nn.Identity()), input_spec("NCHW", 16, size, crop, norm),
                family("image", "conv", "imagenet1k"), names)
    if name == "vit_b_16":
        blocks = list(net.encoder.layers)
        names = ["block%d" % (i + 1) for i in range(len(blocks))]
        stages = [nn.Sequential(VitEmbedding(net), blocks[0])] + blocks[1:]
        return (StagedTaps(names, stages, TokenGrid(crop // net.patch_size)), input_spec("NCHW", 16, size, crop, norm),
                family("image", "transformer", "imagenet1k"), names)
    raise ValueError("unknown torchvision model " + name)


def stage_ends(mvit: nn.Module, frames: int, crop: int):
    """Names the last block before each pooling of the token grid (a stage), and the last block."""
    shapes = []
    hooks = [b.register_forward_hook(lambda m, i, o: shapes.append(tuple(o[1])))
             for b in mvit.blocks]
    with torch.no_grad():
        mvit(torch.zeros(1, 3, frames, crop, crop))
    for h in hooks:
        h.remove()
    tap_names, names = [], []
    for i, shape in enumerate(shapes):
        if i == len(shapes) - 1 or shapes[i + 1] != shape:
            names.append("stage%d" % (len(names) + 1))
            tap_names.append(names[-1])
        else:
            tap_names.append("")
    return tap_names, names


def pytorchvideo_network(name: str, pretrained: bool):
    """Returns (wrapper, input spec, family, layers) for one pytorchvideo network. Untested here."""
    from pytorchvideo.models import hub
    net = getattr(hub, name)(pretrained=pretrained).eval()
    stages, pending = [], []
    for block in net.blocks:  # stem, residual stages (I3D pools after the first), then pooling and head
        pending.append(block)
        if is_residual_stage(block):
            stages.append(nn.Sequential(*pending))
            pending = []
    names = ["res%d" % (i + 2) for i in range(len(stages))]
    if name == "slowfast_r50":
        spec = input_spec("NCTHW", 32, 256, 256, "kinetics-045", frame_stride=2, slow_fast={"alpha": 4})
        layers = [n + suffix for n in names for suffix in ("_slow", "_fast")]
        return PathwayTaps(names, stages), spec, family("video", "conv", "kinetics400", streams="two"), layers
    if name == "i3d_r50":
        spec = input_spec("NCTHW", 8, 256, 256, "kinetics-045", frame_stride=8)
    else:  # x3d_m
        spec = input_spec("NCTHW", 16, 256, 256, "kinetics-045", frame_stride=5)
    return StagedTaps(names, stages, nn.Identity()), spec, family("video", "conv", "kinetics400"), names


def is_residual_stage(block: nn.Module) -> bool:
    """pytorchvideo's ResStage, alone or as the pathways of a SlowFast MultiPathWayWithFuse."""
    pathways = getattr(block, "multipathway_blocks", None)
    return type(pathways[0] if pathways is not None else block).__name__ == "ResStage"


def example_inputs(spec, batch: int, generator: torch.Generator) -> List[Tensor]:
    """Standard-normal inputs of the declared shape: what normalised frames look like to the network."""
    crop = spec["crop"]
    if spec["layout"] == "NCHW":
        return [torch.randn(batch, 3, crop, crop, generator=generator)]
    if spec["slowFast"]:
        fast = torch.randn(batch, 3, spec["frames"], crop, crop, generator=generator)
        return [[fast[:, :, ::spec["slowFast"]["alpha"]].contiguous(), fast]]  # one List[Tensor] argument
    return [torch.randn(batch, 3, spec["frames"], crop, crop, generator=generator)]


def flat(inputs) -> List[Tensor]:
    """The input tensors in order, a List[Tensor] argument's elements one by one."""
    return [t for arg in inputs for t in (arg if isinstance(arg, list) else [arg])]


def to_torchscript(wrapper: nn.Module, inputs: List[Tensor]):
    try:
        return torch.jit.script(wrapper)
    except Exception as scripting_error:  # some third-party modules do not script; tracing keeps the dict
        print("  scripting failed (%s); tracing instead" % str(scripting_error).splitlines()[0], file=sys.stderr)
        return torch.jit.trace(wrapper, tuple(inputs), strict=False)


def export(name: str, source: str, pretrained: bool, out_dir: str, reference_dir: str, seed: int):
    torch.manual_seed(seed)
    if source == "torchvision":
        wrapper, spec, fam, layers = torchvision_network(name, pretrained)
    else:
        wrapper, spec, fam, layers = pytorchvideo_network(name, pretrained)
    wrapper.eval()
    model_id = name if pretrained else name + "-random"
    inputs = example_inputs(spec, 1, torch.Generator().manual_seed(seed))
    path = os.path.join(out_dir, model_id + ".pt")
    to_torchscript(wrapper, inputs).save(path)

    saved = torch.jit.load(path).eval()
    with torch.no_grad():
        outputs = saved(*inputs)
    missing = [layer for layer in layers if layer not in outputs]
    if missing:
        raise RuntimeError("%s: the exported file lacks layers %s" % (model_id, missing))
    if not pretrained:
        fam = dict(fam, pretraining="none")
    entry = {
        "id": model_id,
        "source": {"type": "torchscript", "path": model_id + ".pt"},
        "untrained": not pretrained,
        "layers": layers,
        "layerShapes": {layer: list(outputs[layer].shape[1:]) for layer in layers},
        "input": spec,
        "family": fam,
    }
    with open(os.path.join(out_dir, model_id + ".json"), "w") as f:
        json.dump(entry, f, indent=2)
        f.write("\n")
    if reference_dir:
        for i, tensor in enumerate(flat(inputs)):
            np.save(os.path.join(reference_dir, "%s.input%d.npy" % (model_id, i)), tensor.numpy())
        for layer in layers:
            np.save(os.path.join(reference_dir, "%s.%s.npy" % (model_id, layer)), outputs[layer].numpy())
    print("%s: %s" % (model_id, ", ".join("%s %s" % (l, entry["layerShapes"][l]) for l in layers)))


def pytorchvideo_available() -> bool:
    try:
        import pytorchvideo.models.hub  # noqa: F401
        return True
    except ImportError:
        return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="catalogue folder: <id>.pt and <id>.json go here")
    parser.add_argument("--weights", choices=["random", "pretrained"], default="random",
                        help="random: seeded initialisation, offline, labelled untrained; pretrained: "
                             "torchvision's published weights (downloads them)")
    parser.add_argument("--models", default=",".join(TORCHVISION_MODELS + PYTORCHVIDEO_MODELS),
                        help="comma-separated subset of: " + ", ".join(TORCHVISION_MODELS + PYTORCHVIDEO_MODELS))
    parser.add_argument("--seed", type=int, default=0, help="seed of the random weights and reference input")
    parser.add_argument("--reference", metavar="DIR",
                        help="also save a reference input (<id>.input0.npy) and each layer's output "
                             "(<id>.<layer>.npy) from the saved file, for comparisons with other runtimes")
    args = parser.parse_args(argv)

    requested = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in requested if m not in TORCHVISION_MODELS + PYTORCHVIDEO_MODELS]
    if unknown:
        parser.error("unknown model(s) %s; choose from %s" % (", ".join(unknown), ", ".join(TORCHVISION_MODELS + PYTORCHVIDEO_MODELS)))
    wanted_pytorchvideo = [m for m in requested if m in PYTORCHVIDEO_MODELS]
    if wanted_pytorchvideo and not pytorchvideo_available():
        print("pytorchvideo is not installed; skipping %s (pip install pytorchvideo to export them)"
              % ", ".join(wanted_pytorchvideo), file=sys.stderr)
        wanted_pytorchvideo = []
    os.makedirs(args.out, exist_ok=True)
    if args.reference:
        os.makedirs(args.reference, exist_ok=True)
    torch.set_grad_enabled(False)
    for name in requested:
        if name in TORCHVISION_MODELS:
            export(name, "torchvision", args.weights == "pretrained", args.out, args.reference, args.seed)
        elif name in wanted_pytorchvideo:
            export(name, "pytorchvideo", args.weights == "pretrained", args.out, args.reference, args.seed)


if __name__ == "__main__":
    main()
