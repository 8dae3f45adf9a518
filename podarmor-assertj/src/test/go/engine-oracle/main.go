// engine-oracle answers, with the engine's own code, the questions PodArmor answers statically, so tests can compare
// the two on any input: how runc's user lookup resolves a User (the engine runs it when it starts a container), how
// Go's JSON decoder fills the image config the engine loads, and how Go's archive/tar reads a layer.
//
// It reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
//
//	{"op":"user","spec":"app","passwd":"<base64>","group":"<base64>"}  (a missing file: null)
//	{"op":"config","json":"<base64>"}
//	{"op":"tar","data":"<base64>"}
//
// It is built from the Go packages Debian ships with the engine's own versions (golang-go,
// golang-github-opencontainers-runc-dev, golang-github-docker-docker-dev), with no network.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/opencontainers/runc/libcontainer/user"
)

type request struct {
	Op     string  `json:"op"`
	Spec   string  `json:"spec"`
	Passwd *[]byte `json:"passwd"`
	Group  *[]byte `json:"group"`
	JSON   []byte  `json:"json"`
	Data   []byte  `json:"data"`
}

// image mirrors the engine's image.Image (V1Image embedded) as docker 20.10 declares it: the fields and JSON names
// Go's decoder matches keys against.
type image struct {
	ID              string            `json:"id,omitempty"`
	Parent          string            `json:"parent,omitempty"`
	Comment         string            `json:"comment,omitempty"`
	Created         time.Time         `json:"created"`
	Container       string            `json:"container,omitempty"`
	ContainerConfig container.Config  `json:"container_config,omitempty"`
	DockerVersion   string            `json:"docker_version,omitempty"`
	Author          string            `json:"author,omitempty"`
	Config          *container.Config `json:"config,omitempty"`
	Architecture    string            `json:"architecture,omitempty"`
	Variant         string            `json:"variant,omitempty"`
	OS              string            `json:"os,omitempty"`
	Size            int64             `json:",omitempty"`
	RootFS          *struct {
		Type    string   `json:"type"`
		DiffIDs []string `json:"diff_ids,omitempty"`
	} `json:"rootfs,omitempty"`
	History []struct {
		Created    time.Time `json:"created"`
		Author     string    `json:"author,omitempty"`
		CreatedBy  string    `json:"created_by,omitempty"`
		Comment    string    `json:"comment,omitempty"`
		EmptyLayer bool      `json:"empty_layer,omitempty"`
	} `json:"history,omitempty"`
	OSVersion  string   `json:"os.version,omitempty"`
	OSFeatures []string `json:"os.features,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := json.NewEncoder(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var r request
			if err := json.Unmarshal(line, &r); err != nil {
				out.Encode(map[string]string{"err": "bad request: " + err.Error()})
				continue
			}
			switch r.Op {
			case "user":
				out.Encode(lookupUser(r))
			case "config":
				out.Encode(decodeConfig(r.JSON))
			case "tar":
				out.Encode(readTar(r.Data))
			default:
				out.Encode(map[string]string{"err": "unknown op " + r.Op})
			}
		}
		if err != nil {
			return
		}
	}
}

// lookupUser is what the engine does in getUser: runc's GetExecUser, then the ids as 32-bit values.
func lookupUser(r request) map[string]interface{} {
	var passwd, group io.Reader
	if r.Passwd != nil {
		passwd = bytes.NewReader(*r.Passwd)
	}
	if r.Group != nil {
		group = bytes.NewReader(*r.Group)
	}
	u, err := user.GetExecUser(r.Spec, nil, passwd, group)
	if err != nil {
		return map[string]interface{}{"err": err.Error()}
	}
	sgids32 := make([]uint32, len(u.Sgids))
	for i, g := range u.Sgids {
		sgids32[i] = uint32(g)
	}
	return map[string]interface{}{"uid": u.Uid, "gid": u.Gid, "uid32": uint32(u.Uid), "gid32": uint32(u.Gid),
		"sgids32": sgids32}
}

// decodeConfig is what the engine does in image.NewFromJSON.
func decodeConfig(src []byte) map[string]interface{} {
	img := &image{}
	if err := json.Unmarshal(src, img); err != nil {
		return map[string]interface{}{"err": err.Error()}
	}
	if img.RootFS == nil {
		return map[string]interface{}{"err": errors.New("invalid image JSON, no RootFS key").Error()}
	}
	out := map[string]interface{}{"diffIds": img.RootFS.DiffIDs, "os": img.OS, "architecture": img.Architecture,
		"hasConfig": img.Config != nil}
	if img.Config != nil {
		c := img.Config
		out["user"] = c.User
		out["cmd"] = []string(c.Cmd)
		out["entrypoint"] = []string(c.Entrypoint)
		out["env"] = c.Env
		out["labels"] = c.Labels
		if c.Healthcheck != nil {
			out["healthcheck"] = c.Healthcheck.Test
		}
	}
	return out
}

type entry struct {
	Name     string `json:"name"`
	Typeflag int    `json:"type"`
	Size     int64  `json:"size"`
	Mode     int64  `json:"mode"`
	Uid      int    `json:"uid"`
	Gid      int    `json:"gid"`
	Linkname string `json:"link"`
}

// readTar lists the entries Go's archive/tar returns, reading each one's data, until the end or the first error.
func readTar(data []byte) map[string]interface{} {
	tr := tar.NewReader(bytes.NewReader(data))
	entries := []entry{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return map[string]interface{}{"entries": entries}
		}
		if err != nil {
			return map[string]interface{}{"entries": entries, "err": err.Error()}
		}
		n, err := io.Copy(io.Discard, tr)
		entries = append(entries, entry{h.Name, int(h.Typeflag), n, h.Mode, h.Uid, h.Gid, h.Linkname})
		if err != nil {
			return map[string]interface{}{"entries": entries, "err": err.Error()}
		}
	}
}
