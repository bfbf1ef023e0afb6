package org.blockscope.templates;

import java.util.List;
import java.util.Optional;
import org.blockscope.graph.Graph;

/** Every template, ImageNet classics first, then the classroom ones. */
public final class Templates {

    private static final String TV = "torchvision 0.15 model docs";

    private static final List<Template> ALL = List.of(
            new Template(
                    "vgg16",
                    "VGG-16",
                    "13 3×3 convs in 5 stages, then three fully connected layers.",
                    false,
                    TV,
                    ImageNetTemplates::vgg16),
            new Template(
                    "googlenet",
                    "GoogLeNet",
                    "Inception v1 without its auxiliary heads (torchvision).",
                    false,
                    TV,
                    () -> ImageNetTemplates.googlenet(false)),
            new Template(
                    "googlenet_aux",
                    "GoogLeNet + aux heads",
                    "Inception v1 with the two auxiliary classifiers used in training.",
                    false,
                    TV,
                    () -> ImageNetTemplates.googlenet(true)),
            new Template(
                    "resnet18",
                    "ResNet-18",
                    "Basic residual blocks [2, 2, 2, 2].",
                    false,
                    TV,
                    () -> ImageNetTemplates.resnet("basic", new int[] {2, 2, 2, 2}, false)),
            new Template(
                    "resnet34",
                    "ResNet-34",
                    "Basic residual blocks [3, 4, 6, 3].",
                    false,
                    TV,
                    () -> ImageNetTemplates.resnet("basic", new int[] {3, 4, 6, 3}, false)),
            new Template(
                    "resnet50",
                    "ResNet-50",
                    "Bottleneck blocks [3, 4, 6, 3], stride in the 3×3 (torchvision).",
                    false,
                    TV,
                    () -> ImageNetTemplates.resnet("bottleneck", new int[] {3, 4, 6, 3}, false)),
            new Template(
                    "se_resnet50",
                    "SE-ResNet-50",
                    "ResNet-50 with squeeze-and-excitation (r = 16) in every block.",
                    false,
                    "Hu et al. 2018, table 2 (28.09 M params)",
                    () -> ImageNetTemplates.resnet("bottleneck", new int[] {3, 4, 6, 3}, true)),
            new Template(
                    "resnext50",
                    "ResNeXt-50 32×4d",
                    "ResNet-50 with grouped 3×3 convs, cardinality 32.",
                    false,
                    TV,
                    ImageNetTemplates::resnext50),
            new Template(
                    "densenet121",
                    "DenseNet-121",
                    "Dense blocks [6, 12, 24, 16], growth 32, transitions θ = 0.5.",
                    false,
                    TV,
                    () -> ImageNetTemplates.densenet(new int[] {6, 12, 24, 16})),
            new Template(
                    "densenet201",
                    "DenseNet-201",
                    "Dense blocks [6, 12, 48, 32], growth 32.",
                    false,
                    TV,
                    () -> ImageNetTemplates.densenet(new int[] {6, 12, 48, 32})),
            new Template(
                    "mobilenet_v2",
                    "MobileNetV2",
                    "Inverted residuals with linear bottlenecks.",
                    false,
                    TV,
                    ImageNetTemplates::mobilenetV2),
            new Template(
                    "efficientnet_b0",
                    "EfficientNet-B0",
                    "MBConv blocks with SE and SiLU, the baseline found by search (224×224).",
                    false,
                    TV,
                    () -> EfficientNetTemplates.b(0)),
            new Template(
                    "efficientnet_b1",
                    "EfficientNet-B1",
                    "B0 scaled in width, depth and resolution (240×240).",
                    false,
                    TV,
                    () -> EfficientNetTemplates.b(1)),
            new Template(
                    "efficientnet_b2",
                    "EfficientNet-B2",
                    "B0 scaled in width, depth and resolution (260×260).",
                    false,
                    TV,
                    () -> EfficientNetTemplates.b(2)),
            new Template(
                    "efficientnet_b3",
                    "EfficientNet-B3",
                    "B0 scaled in width, depth and resolution (300×300).",
                    false,
                    TV,
                    () -> EfficientNetTemplates.b(3)),
            new Template(
                    "regnet_x_400mf",
                    "RegNetX-400MF",
                    "X blocks (group width 16), stages 32/64/160/400 × 1/2/7/12.",
                    false,
                    TV + "; Radosavovic et al. 2020",
                    () -> RegNetDesign.X_400MF.graph(3, 224, 1000)),
            new Template(
                    "regnet_y_400mf",
                    "RegNetY-400MF",
                    "Y blocks (SE, group width 8), stages 48/104/208/440 × 1/3/6/6.",
                    false,
                    TV + "; Radosavovic et al. 2020",
                    () -> RegNetDesign.Y_400MF.graph(3, 224, 1000)),
            new Template(
                    "regnet_x_800mf",
                    "RegNetX-800MF",
                    "X blocks (group width 16), stages 64/128/288/672 × 1/3/7/5.",
                    false,
                    TV + "; Radosavovic et al. 2020",
                    () -> RegNetDesign.X_800MF.graph(3, 224, 1000)),
            new Template(
                    "alexnet",
                    "AlexNet",
                    "Five convs (11×11 /4 first) with ReLU and max pools, then three fully connected layers.",
                    false,
                    TV + " (61,100,840 params, 0.71 GFLOPS)",
                    ImageNetTemplates::alexnet),
            new Template(
                    "shufflenet_v1_g3",
                    "ShuffleNet v1 (g = 3)",
                    "Grouped 1×1 convs with channel shuffles; 1×, 3 groups, stages 240/480/960.",
                    false,
                    "Zhang et al. 2018, table 1 (1×, g = 3: 137 MFLOPs); megvii-model/ShuffleNet-Series",
                    () -> ShuffleNetTemplates.v1(3)),
            new Template(
                    "shufflenet_v2_x0_5",
                    "ShuffleNetV2 0.5×",
                    "Channel split, one half transformed, concat and shuffle; stages 48/96/192.",
                    false,
                    TV,
                    () -> ShuffleNetTemplates.v2(48, 96, 192)),
            new Template(
                    "shufflenet_v2_x1_0",
                    "ShuffleNetV2 1.0×",
                    "Channel split, one half transformed, concat and shuffle; stages 116/232/464.",
                    false,
                    TV,
                    () -> ShuffleNetTemplates.v2(116, 232, 464)),
            new Template(
                    "lenet5",
                    "LeNet-5",
                    "The 1998 digit reader: two conv + pool stages, three FC layers.",
                    true,
                    "LeCun et al. 1998 (61,706 params)",
                    ClassroomTemplates::lenet5),
            new Template(
                    "mini_vgg",
                    "Mini VGG",
                    "Three VGG stages with batch norm for 32×32 images.",
                    true,
                    "",
                    ClassroomTemplates::miniVgg),
            new Template(
                    "mini_inception",
                    "Mini Inception",
                    "A stem and three small Inception modules.",
                    true,
                    "",
                    ClassroomTemplates::miniInception),
            new Template(
                    "resnet20",
                    "ResNet-20 (CIFAR)",
                    "3 stages × 3 basic blocks, 16/32/64 filters, projection shortcuts.",
                    true,
                    "He et al. 2016, section 4.2",
                    () -> ClassroomTemplates.resnet20(false)),
            new Template(
                    "plain20",
                    "Plain-20 (no shortcuts)",
                    "ResNet-20's layers without the residual shortcuts, to compare.",
                    true,
                    "He et al. 2016, figure 6",
                    ClassroomTemplates::plain20),
            new Template(
                    "resnet56",
                    "ResNet-56 (CIFAR)",
                    "3 stages × 9 basic blocks, 16/32/64 filters, projection shortcuts.",
                    true,
                    "He et al. 2016, section 4.2",
                    () -> ClassroomTemplates.cifarResnet(9, false)),
            new Template(
                    "plain56",
                    "Plain-56 (no shortcuts)",
                    "ResNet-56's layers without the shortcuts: the deep plain net that trains worse.",
                    true,
                    "He et al. 2016, figure 6",
                    () -> ClassroomTemplates.cifarPlain(9)),
            new Template(
                    "se_resnet20",
                    "SE-ResNet-20",
                    "ResNet-20 with an SE block (r = 4) in every residual block.",
                    true,
                    "",
                    () -> ClassroomTemplates.resnet20(true)),
            new Template(
                    "densenet_bc40",
                    "DenseNet-BC (L=40, k=12)",
                    "Three dense blocks with bottlenecks and compression 0.5.",
                    true,
                    "Huang et al. 2017, table 2 (DenseNet-BC L=40 k=12)",
                    ClassroomTemplates::densenetBc40),
            new Template(
                    "mobilenet_mini",
                    "Mini MobileNet",
                    "A stem conv and five depthwise-separable convs.",
                    true,
                    "",
                    ClassroomTemplates::mobilenetMini));

    private Templates() {}

    public static List<Template> all() {
        return ALL;
    }

    public static Optional<Template> byId(String id) {
        String wanted = id.toLowerCase(java.util.Locale.ROOT).replace("-", "_");
        return ALL.stream().filter(t -> t.id().equals(wanted)).findFirst();
    }

    public static Graph graph(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("no template '" + id + "'"))
                .graph();
    }
}
