# The freestanding S-mode runtime (tests/srt) that the payload, soak and
# bench programs link: its sources, the flags every such program is built
# with, and the link of one image at FW_JUMP_ADDR (srt.ld).

SRT_DIR		:= tests/srt
SRT_SRCS	:= $(addprefix $(SRT_DIR)/,entry.S console.c printf.c string.c \
		   fdt.c fdt_summary.c time.c memhp_sbi.c)
SRT_DEPS	:= $(SRT_SRCS) $(wildcard $(SRT_DIR)/*.h) $(SRT_DIR)/srt.ld \
		   $(SRT_DIR)/srt.mk
SRT_CFLAGS	:= -g -O2 -std=gnu11 -Wall -Wextra -Werror \
		   -ffreestanding -fno-builtin -nostdinc -nostdlib -fno-pic \
		   -fno-pie -fno-stack-protector -fno-common \
		   -mcmodel=medany -march=rv64imac_zicsr_zifencei -mabi=lp64 \
		   -mno-relax -mno-save-restore \
		   -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
		   -I$(SRT_DIR)
SRT_LDFLAGS	:= -static -no-pie -Wl,--no-relax -Wl,--build-id=none \
		   -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments \
		   -Wl,--defsym=SRT_BASE=$(FW_JUMP_ADDR) -T$(SRT_DIR)/srt.ld

# $(call srt_link,extra flags,program sources): the ELF $@ and its map.
define srt_link
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(SRT_CFLAGS) $(1) $(SRT_LDFLAGS) -Wl,-Map=$(@:.elf=.map) \
		-o $@ $(2) $(SRT_SRCS)
endef
