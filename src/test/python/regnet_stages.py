"""Stage widths, depths and group widths torchvision derives from each RegNet's design parameters
(BlockParams.from_init_params, the quantized linear rule of Radosavovic et al. 2020), the oracle of
RegNetDesignTest. Run with /usr/bin/python3 (Debian's python3-torchvision 0.14).
"""
from torchvision.models import regnet

DESIGNS = {  # name: depth, w_0, w_a, w_m, group width, SE (torchvision models/regnet.py)
    "regnet_y_400mf": (16, 48, 27.89, 2.09, 8, True),
    "regnet_y_800mf": (14, 56, 38.84, 2.4, 16, True),
    "regnet_y_1_6gf": (27, 48, 20.71, 2.65, 24, True),
    "regnet_y_3_2gf": (21, 80, 42.63, 2.66, 24, True),
    "regnet_y_8gf": (17, 192, 76.82, 2.19, 56, True),
    "regnet_x_400mf": (22, 24, 24.48, 2.54, 16, False),
    "regnet_x_800mf": (16, 56, 35.73, 2.28, 16, False),
    "regnet_x_1_6gf": (18, 80, 34.01, 2.25, 24, False),
    "regnet_x_3_2gf": (25, 88, 26.31, 2.25, 48, False),
    "regnet_x_8gf": (23, 80, 49.56, 2.88, 120, False),
}

for name, (d, w0, wa, wm, gw, se) in DESIGNS.items():
    p = regnet.BlockParams.from_init_params(depth=d, w_0=w0, w_a=wa, w_m=wm, group_width=gw,
                                            se_ratio=0.25 if se else None)
    widths = "/".join(map(str, p.widths))
    depths = "/".join(map(str, p.depths))
    groups = "/".join(map(str, p.group_widths))
    print(f"{name}, {d}, {w0}, {wa}, {wm}, {gw}, {widths}, {depths}, {groups}")
